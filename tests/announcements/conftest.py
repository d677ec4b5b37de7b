import pytest

from courses.models import CohortGroup
from tests.factories import enrol, make_user


@pytest.fixture
def grouped(world):
    """A small group with one member (ana) and a participant outside it (bruno)."""
    group = CohortGroup.objects.create(cohort=world.cohort, name="GIA Norte")
    ana = make_user("ana", email="ana@example.org")
    bruno = make_user("bruno", email="bruno@example.org")
    enrol(ana, world.cohort, group=group)
    enrol(bruno, world.cohort)
    return {"group": group, "ana": ana, "bruno": bruno}

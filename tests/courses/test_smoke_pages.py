from courses.models import Enrollment
from tests.factories import enrol, make_cohort, make_course, make_user


def test_course_page_lists_modules_and_release_dates(client, db):
    tree = make_course("Innovación", modules=2, lessons=1, offsets=[0, 30])
    cohort = make_cohort(tree.course, started_days_ago=5)
    user = make_user()
    enrol(user, cohort, Enrollment.Role.PARTICIPANT)
    client.force_login(user)
    response = client.get(tree.course.url)
    assert response.status_code == 200
    assert "Módulo 1" in response.text and "Módulo 2" in response.text

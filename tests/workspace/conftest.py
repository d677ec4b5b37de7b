"""The workspace's pages read courses' worlds: share the courses fixtures."""

from tests.courses.conftest import locked_lesson, peer, reflection, released_lesson  # noqa: F401

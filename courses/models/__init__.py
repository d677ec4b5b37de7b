from .cohorts import Cohort, CohortGroup, Enrollment
from .pages import CourseIndexPage, CoursePage, HomePage, LessonPage, ModulePage
from .progress import LessonCompletion, Reflection, ReflectionMessage

__all__ = [
    "Cohort",
    "CohortGroup",
    "CourseIndexPage",
    "CoursePage",
    "Enrollment",
    "HomePage",
    "LessonCompletion",
    "LessonPage",
    "ModulePage",
    "Reflection",
    "ReflectionMessage",
]

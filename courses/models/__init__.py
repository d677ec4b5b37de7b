from .cohorts import Cohort, CohortGroup, Enrollment
from .imports import EnrolmentImport
from .pages import CourseIndexPage, CoursePage, HomePage, LessonPage, ModulePage
from .progress import LessonCompletion, Reflection, ReflectionMessage

__all__ = [
    "Cohort",
    "CohortGroup",
    "CourseIndexPage",
    "CoursePage",
    "Enrollment",
    "EnrolmentImport",
    "HomePage",
    "LessonCompletion",
    "LessonPage",
    "ModulePage",
    "Reflection",
    "ReflectionMessage",
]

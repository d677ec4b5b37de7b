"""StreamField blocks for course content (bakerydemo style: one place for every block)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4", "document-link"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Heading")
        template = "courses/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"


class MediaEmbedBlock(blocks.StructBlock):
    """A video or audio from a provider (YouTube, Vimeo, SoundCloud…), shown as a link on slow networks."""

    embed = EmbedBlock(label=_("Video or audio URL"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.TextBlock(label=_("Transcript or summary"), required=False)

    class Meta:
        icon = "media"
        label = _("Video or audio")
        template = "courses/blocks/media.html"


class ReadingBlock(blocks.StructBlock):
    """A long text participants read and quote: each paragraph keeps a stable id so it can be cited."""

    title = blocks.CharBlock(label=_("Title"), max_length=250)
    author = blocks.CharBlock(label=_("Author"), max_length=250, required=False)
    source = blocks.CharBlock(label=_("Source"), max_length=500, required=False)
    paragraphs = blocks.ListBlock(blocks.TextBlock(label=_("Paragraph")), label=_("Paragraphs"), min_num=1)

    class Meta:
        icon = "doc-full"
        label = _("Reading")
        template = "courses/blocks/reading.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=250)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "courses/blocks/quote.html"


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        label=_("Tone"),
        choices=[("info", _("Information")), ("tip", _("Tip")), ("warning", _("Important"))],
        default="info",
    )
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Call-out")
        template = "courses/blocks/callout.html"


class ActivityBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=250)
    minutes = blocks.IntegerBlock(label=_("Estimated minutes"), min_value=1, max_value=600)
    instructions = blocks.RichTextBlock(label=_("Instructions"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "tasks"
        label = _("Activity")
        template = "courses/blocks/activity.html"


class ReflectionPromptBlock(blocks.StructBlock):
    """A question each participant answers privately; facilitators reply with feedback."""

    prompt = blocks.TextBlock(label=_("Prompt"))

    class Meta:
        icon = "edit"
        label = _("Reflection prompt")
        template = "courses/blocks/reflection_prompt.html"


class DiscussionPromptBlock(blocks.StructBlock):
    """Opens a forum conversation per cohort (wired up by the forums app)."""

    prompt = blocks.TextBlock(label=_("Prompt"))
    post_first = blocks.BooleanBlock(
        label=_("Post first, then see others"),
        required=False,
        help_text=_("Participants see the others' contributions only after posting their own."),
    )

    class Meta:
        icon = "comment"
        label = _("Discussion prompt")
        template = "courses/blocks/discussion_prompt.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Rich text"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = ImageBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()


class LessonStreamBlock(BaseStreamBlock):
    embed = MediaEmbedBlock()
    reading = ReadingBlock()
    activity = ActivityBlock()
    reflection_prompt = ReflectionPromptBlock()
    discussion_prompt = DiscussionPromptBlock()

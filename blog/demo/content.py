"""The demo blog's cast: settings, authors, labels, and the shape of a demo post.

The posts themselves live in one module per language (posts_ar, posts_fr, posts_en).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoAuthor:
    slug: str
    display_name: str
    bio: str
    palette: str


@dataclass(frozen=True)
class DemoPost:
    """One demo post. `days_ago` places it in time; a negative value schedules it that many days
    ahead. `image` is a (style, palette) pair from blog.demo.images, or None for no picture."""

    title: str
    language: str
    authors: tuple
    labels: tuple
    body: str
    days_ago: float
    excerpt: str = ""
    draft: bool = False
    image: tuple | None = None
    image_alt: str = ""


BLOG_TITLE = "مداد"
BLOG_TAGLINE = "دفتر ثقافي ومدني من المغرب والمشرق: مدن وكتب ولغة ومطبخ وحياة يومية"
BLOG_LANGUAGE = "ar"

AUTHORS = (
    DemoAuthor(
        slug="ليلى-المنصوري",
        display_name="ليلى المنصوري",
        bio=(
            "ليلى المنصوري كاتبة من فاس، تمشي في المدن القديمة ودفترها في يدها، "
            "وتكتب عن الأسواق والكتب وما تحفظه الجدات من وصفات وحكايات."
        ),
        palette="terracotta",
    ),
    DemoAuthor(
        slug="يوسف-حداد",
        display_name="يوسف حداد",
        bio=(
            "يوسف حداد مهندس برمجيات من بيروت، يهتم بالعربية على الشاشات وبالتقنيات الصغيرة "
            "التي تخدم الأحياء والجمعيات، ويتطوع في رسم الخرائط المفتوحة."
        ),
        palette="indigo",
    ),
    DemoAuthor(
        slug="nadia-belkacem",
        display_name="Nadia Belkacem",
        bio=(
            "Nadia Belkacem vit entre Oran et Tunis. Elle écrit sur les marchés, les cuisines "
            "de famille et les langues qu'on parle à la maison sans jamais les avoir apprises."
        ),
        palette="sea",
    ),
    DemoAuthor(
        slug="omar-khalil",
        display_name="Omar Khalil",
        bio=(
            "Omar Khalil lives in Amman, where he repairs old laptops for community centres and "
            "writes about small technology, civic life and the long history of the trade roads."
        ),
        palette="olive",
    ),
)

LABELS = (
    # Arabic
    "مدن",
    "كتب",
    "لغة",
    "مطبخ",
    "تاريخ",
    "مبادرات",
    # French
    "Villes",
    "Cuisine",
    "Langues",
    # English
    "Small tech",
    "Civic life",
    "History",
)

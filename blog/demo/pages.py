"""The demo blog's static pages: an About page in each of its languages."""

# One paragraph per line, so the prose reads and diffs as paragraphs.
# ruff: noqa: E501

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoPage:
    title: str
    slug: str
    language: str
    body: str
    menu_order: int = 0


PAGES = (
    DemoPage(
        title="من نحن",
        slug="من-نحن",
        language="ar",
        body="""
<p>«مداد» دفتر ثقافي ومدني يكتبه أربعة أصدقاء بين فاس وبيروت ووهران وعمّان. نكتب عن المدن التي نمشي فيها، والكتب التي نقرؤها، واللغة التي نتكلمها في البيت وفي الشارع، والأطباق التي ورثناها عن أمهاتنا وجداتنا.</p>
<h2>لماذا هذه المدونة؟</h2>
<p>لأن كثيرًا مما يستحق أن يُروى لا يجد مكانه في الصحف ولا في منشورات الشبكات الاجتماعية السريعة: درج حجري في حي قديم، ومكتبة حيّ تقاوم الإغلاق، وجمعية صغيرة تعلّم الأطفال رسم الخرائط. نريد مكانًا هادئًا نكتب فيه على مهل، ونقرأ فيه تعليقاتكم على مهل أيضًا.</p>
<h2>بأي لغة نكتب؟</h2>
<p>نكتب بالعربية أولًا، وبالفرنسية والإنجليزية حين تكون الحكاية أقرب إلى إحداهما. كل تدوينة تُعرض بلغتها واتجاهها، والواجهة بلغتكم أنتم.</p>
<h2>اكتبوا لنا</h2>
<p>التعليقات مفتوحة تحت كل تدوينة، ونقرؤها كلها. وإن كان لديكم اقتراح لموضوع أو تصحيح لمعلومة، فاتركوه في تعليق، وسنعود إليكم.</p>
""",
    ),
    DemoPage(
        title="À propos",
        slug="a-propos",
        language="fr",
        menu_order=1,
        body="""
<p>Midad est un carnet culturel et citoyen tenu par quatre amis, entre Fès, Beyrouth, Oran et Amman. On y parle des villes où l'on marche, des livres qu'on lit, des langues qu'on parle à la maison et dans la rue, et des plats qu'on a hérités sans jamais en avoir écrit la recette.</p>
<h2>Pourquoi ce blog ?</h2>
<p>Parce que beaucoup de choses qui mériteraient d'être racontées ne trouvent leur place ni dans les journaux ni dans le flot des réseaux sociaux : un escalier de pierre dans un vieux quartier, une bibliothèque de quartier qui refuse de fermer, une association qui apprend aux enfants à dessiner des cartes. Nous voulions un endroit calme pour écrire lentement, et pour lire vos commentaires lentement aussi.</p>
<h2>Dans quelles langues ?</h2>
<p>Surtout en arabe, et en français ou en anglais quand l'histoire s'y prête. Chaque article s'affiche dans sa langue et dans son sens d'écriture ; l'interface, elle, parle la vôtre.</p>
<h2>Nous écrire</h2>
<p>Les commentaires sont ouverts sous chaque article et nous les lisons tous. Une idée de sujet, une correction ? Laissez-la en commentaire, nous vous répondrons.</p>
""",
    ),
    DemoPage(
        title="About",
        slug="about",
        language="en",
        menu_order=2,
        body="""
<p>Midad is a cultural and civic notebook kept by four friends between Fez, Beirut, Oran and Amman. We write about the cities we walk in, the books we read, the languages we speak at home and in the street, and the dishes we inherited without ever writing the recipe down.</p>
<h2>Why this blog?</h2>
<p>Because much of what deserves telling finds no room in newspapers or in the rush of social media: a stone staircase in an old neighbourhood, a local library that refuses to close, an association teaching children to draw maps. We wanted a quiet place to write slowly, and to read your comments slowly too.</p>
<h2>In which languages?</h2>
<p>Mostly in Arabic, and in French or English when the story calls for it. Each post is shown in its own language and writing direction; the interface speaks yours.</p>
<h2>Write to us</h2>
<p>Comments are open under every post and we read all of them. A topic you would like us to cover, a correction? Leave it in a comment and we will get back to you.</p>
""",
    ),
)

"""Demo posts in French."""

# One paragraph per line, so the prose reads and diffs as paragraphs.
# ruff: noqa: E501

from .content import DemoPost

NADIA = "nadia-belkacem"
LAILA = "ليلى-المنصوري"

POSTS = (
    DemoPost(
        title="Oran, la ville qui regarde la mer",
        language="fr",
        authors=(NADIA,),
        labels=("Villes",),
        days_ago=398,
        image=("waves", "sea"),
        image_alt="Un soleil jaune posé sur l'horizon, au-dessus de vagues bleues superposées",
        excerpt=(
            "Un front de mer, un fort sur la montagne, des balcons ouverts sur le port : "
            "promenade dans une ville qui tourne le dos à la terre."
        ),
        body="""
<p>Il y a des villes qui se découvrent par leurs places, d'autres par leurs marchés. Oran, elle, se découvre par ses balcons. Presque chaque rue du centre finit par s'ouvrir sur la mer, et l'on comprend vite que la ville entière a été construite pour la regarder.</p>
<h2>Le front de mer, en fin d'après-midi</h2>
<p>Vers cinq heures, quand la chaleur retombe, le boulevard qui longe la falaise se remplit. Des familles marchent lentement, des adolescents s'interpellent d'un banc à l'autre, des vendeurs de graines grillées passent avec leurs cornets de papier. En contrebas, le port déroule ses grues et ses ferries blancs. Personne ne semble pressé : on est venu pour la lumière, qui dore les façades et fait briller l'eau.</p>
<h3>Les façades du centre</h3>
<p>Le centre-ville garde de nombreux immeubles du début du vingtième siècle, avec leurs ferronneries, leurs corniches et leurs portes monumentales. Certains ont été restaurés avec soin, d'autres attendent. Lever les yeux en marchant est un réflexe à prendre : les plus beaux détails sont souvent au troisième étage, là où personne ne regarde.</p>
<h2>Santa Cruz, tout là-haut</h2>
<p>Au-dessus de la ville, sur la montagne du Murdjadjo, le vieux fort et la chapelle voisine dominent la baie. On y monte pour la vue, qui embrasse d'un seul regard le port, la ville nouvelle et la côte jusqu'aux caps lointains. Le vent souffle fort, il faut tenir son chapeau, mais on redescend toujours avec l'impression d'avoir compris la géographie de la ville.</p>
<ul>
<li><strong>Quand monter :</strong> en fin de journée, pour voir les lumières s'allumer une à une.</li>
<li><strong>Comment :</strong> en voiture ou en taxi, la route est sinueuse mais bien tenue.</li>
<li><strong>Quoi emporter :</strong> une veste, même en été.</li>
</ul>
<blockquote><p>À Oran, on ne demande pas où est la mer : on demande de quel balcon on la voit le mieux.</p></blockquote>
<h2>La musique dans les rues</h2>
<p>Impossible de parler d'Oran sans parler de musique. Dans les taxis, les cafés et les fêtes de mariage, le raï accompagne la ville comme un deuxième souffle. On l'entend par les fenêtres ouvertes, on le fredonne sans y penser. Il raconte l'amour, l'exil et la fête, souvent dans la même chanson.</p>
<h2>Pour finir</h2>
<p>Oran n'est pas une ville qui se livre en un jour. Il faut y revenir, y avoir des amis, s'asseoir longtemps à une terrasse. Mais même en passant, on emporte cette image : une ville blanche accrochée à sa baie, qui a décidé une fois pour toutes que la mer serait son horizon.</p>
""",
    ),
    DemoPost(
        title="La chorba de ma grand-mère",
        language="fr",
        authors=(NADIA,),
        labels=("Cuisine",),
        days_ago=340,
        image=("circles", "terracotta"),
        image_alt="Des disques ocre et brun rouge qui se chevauchent sur un fond orangé",
        body="""
<p>Chez nous, la chorba annonce le soir. Pendant le mois de Ramadan, elle mijote dès l'après-midi et son parfum de coriandre et de tomate envahit l'escalier de l'immeuble. Les voisins savent qui cuisine quoi rien qu'à l'odeur. La chorba de ma grand-mère, elle, se reconnaissait entre toutes.</p>
<h2>Les ingrédients</h2>
<p>Il existe autant de chorbas que de familles. Celle-ci est une chorba frik, au blé vert concassé, comme on la fait dans l'est de l'Algérie. Pour six personnes :</p>
<ul>
<li>300 g d'agneau coupé en petits morceaux, avec un peu d'os ;</li>
<li>un oignon râpé, deux tomates mûres et une cuillère de concentré ;</li>
<li>une poignée de pois chiches trempés la veille ;</li>
<li>une grosse poignée de frik, rincé ;</li>
<li>un bouquet de coriandre fraîche et un peu de menthe séchée ;</li>
<li>sel, poivre, paprika, cannelle, un peu de smen ou d'huile d'olive.</li>
</ul>
<h2>La méthode</h2>
<ol>
<li>Faire revenir la viande avec l'oignon, les épices et le smen jusqu'à ce qu'elle soit bien dorée.</li>
<li>Ajouter les tomates mixées, le concentré et la moitié de la coriandre hachée.</li>
<li>Couvrir d'eau, ajouter les pois chiches et laisser cuire doucement une bonne heure.</li>
<li>Verser le frik en pluie, en remuant, et cuire encore vingt à trente minutes.</li>
<li>Au moment de servir, parsemer du reste de coriandre et d'une pincée de menthe.</li>
</ol>
<h3>Le secret, selon elle</h3>
<p>Ma grand-mère refusait de mesurer quoi que ce soit. Quand on lui demandait combien de frik, elle répondait « ce que ta main te dit ». Il m'a fallu des années pour comprendre que le secret était surtout la patience : une chorba pressée reste une soupe, une chorba qui a mijoté devient un repas.</p>
<blockquote><p>« On ne sert pas la chorba, on la partage », disait-elle en remplissant un bol de plus pour la voisine.</p></blockquote>
<h2>Ce qui l'accompagne</h2>
<p>Sur la table du soir, la chorba n'est jamais seule. Il y a des dattes et du lait pour rompre le jeûne, du pain maison encore tiède, une salade, parfois des bourek croustillants. Et surtout, il y a ce bol que l'on porte chez les voisins, et qui revient rarement vide.</p>
<h2>Un dernier mot</h2>
<p>Je fais aujourd'hui cette chorba dans une cuisine bien plus petite, loin de l'immeuble de mon enfance. Elle n'est jamais tout à fait la même. Mais quand l'odeur monte et que quelqu'un frappe à la porte pour demander ce qui cuit, je sais que la recette a fait son travail.</p>
""",
    ),
    DemoPost(
        title="Lire en trois langues",
        language="fr",
        authors=(NADIA,),
        labels=("Langues",),
        days_ago=276,
        image=("tiles", "dusk"),
        image_alt="Étoiles à huit branches crème, prune et pêche sur un fond dégradé",
        body="""
<p>Sur ma table de nuit, il y a en ce moment un roman en arabe, un essai en français et un recueil de nouvelles en anglais. Ce n'est pas une coquetterie : c'est ainsi que lisent beaucoup de gens au Maghreb, passant d'une langue à l'autre selon le livre, l'humeur ou le moment de la journée.</p>
<h2>Chaque langue a sa chambre</h2>
<p>J'ai longtemps cru qu'il fallait choisir. À l'école, l'arabe était la langue des textes anciens et de la grammaire, le français celle des sciences, et la darija celle de la cour de récréation. Chacune semblait avoir sa pièce dans la maison, avec la porte fermée. Il m'a fallu du temps pour ouvrir ces portes et laisser circuler les livres d'une pièce à l'autre.</p>
<h3>Ce que chaque langue me donne</h3>
<ul>
<li><strong>L'arabe</strong> me donne la musique, la densité d'une phrase qui tient en peu de mots.</li>
<li><strong>Le français</strong> me donne la digression, le plaisir de la phrase qui prend son temps.</li>
<li><strong>L'anglais</strong> me donne la vivacité des dialogues, le ton direct.</li>
</ul>
<h2>La traduction comme voyage</h2>
<p>Lire en plusieurs langues, c'est aussi lire les traductions autrement. Quand je tombe sur un roman arabe traduit en français, j'ai parfois envie de comparer une page avec l'original. Je ne le fais pas pour juger le traducteur, mais pour voir ce qui a dû être sacrifié, et ce qui a été inventé pour compenser. Chaque traduction est un petit pays frontalier entre deux langues.</p>
<blockquote><p>Lire dans la langue de l'autre, c'est accepter d'être un peu étranger chez soi, et un peu chez soi chez l'étranger.</p></blockquote>
<h2>Quelques conseils pour commencer</h2>
<ol>
<li>Commencez par des textes courts : nouvelles, chroniques, bandes dessinées.</li>
<li>Lisez une œuvre dont vous connaissez déjà l'histoire dans une autre langue.</li>
<li>Ne cherchez pas chaque mot dans le dictionnaire : le contexte fait le reste.</li>
<li>Lisez à voix haute de temps en temps, pour entendre la langue.</li>
</ol>
<h2>Pour conclure</h2>
<p>Je ne suis pas sûre qu'on pense vraiment différemment selon la langue, comme on le dit parfois. Mais je sais qu'on ne lit pas de la même façon. Et chaque langue ajoutée à la table de nuit, c'est une fenêtre de plus sur le monde, et sur soi.</p>
""",
    ),
    DemoPost(
        title="Un samedi matin au marché central de Tunis",
        language="fr",
        authors=(NADIA, LAILA),
        labels=("Villes", "Cuisine"),
        days_ago=215,
        image=("circles", "sand"),
        image_alt="Cercles translucides couleur sable, brun et bleu-vert",
        excerpt="Poissons du matin, piments en guirlandes et conversations à voix haute.",
        body="""
<p>Le samedi, le marché central de Tunis commence bien avant que nous arrivions. Quand nous poussons la grande porte, vers huit heures, les étals sont déjà dressés, les sols arrosés, et les premiers clients repartent avec leurs cabas pleins. Nous sommes venues à deux, avec une liste que nous savons déjà inutile.</p>
<h2>La halle aux poissons</h2>
<p>Tout commence par le bruit. Sous la grande verrière, les poissonniers annoncent leurs prix à pleine voix, brandissent une daurade ou une poignée de rougets pour attirer l'œil. Les poissons sont alignés sur la glace, brillants, les yeux clairs. On apprend vite à regarder les ouïes, rouge vif quand la pêche est de la nuit.</p>
<h3>Les bons gestes</h3>
<ul>
<li>Faire un premier tour sans rien acheter, pour comparer.</li>
<li>Demander au poissonnier ce qu'il cuisinerait ce soir : il le sait toujours.</li>
<li>Faire vider et écailler sur place, c'est compris dans le prix.</li>
</ul>
<h2>Les couleurs des légumes</h2>
<p>De l'autre côté, le marché change de couleur. Les piments pendent en guirlandes rouges, les tomates s'empilent en pyramides, les bottes de persil et de coriandre forment de petites forêts. Les vendeuses de pain tabouna, assises près de l'entrée, soulèvent le torchon pour montrer leurs galettes encore chaudes.</p>
<table>
<thead><tr><th>Ce que nous avons acheté</th><th>Pour quoi faire</th></tr></thead>
<tbody>
<tr><td>Des rougets</td><td>Grillés, avec du citron</td></tr>
<tr><td>Des piments et des tomates</td><td>Une salade méchouia</td></tr>
<tr><td>Du pain tabouna</td><td>Tout accompagner</td></tr>
<tr><td>Des citrons confits</td><td>Parce qu'ils étaient beaux</td></tr>
</tbody>
</table>
<blockquote><p>Au marché, on n'achète pas seulement à manger : on prend des nouvelles, on donne son avis, on apprend une recette.</p></blockquote>
<h2>Les épices et le café</h2>
<p>Dans les ruelles autour, les marchands d'épices vendent harissa, carvi et tabel au poids, et les cafés servent un express serré à des habitués qui lisent le journal. Nous nous asseyons un moment, les sacs à nos pieds, pour regarder passer la ville.</p>
<h2>En rentrant</h2>
<p>Nous avons dépensé plus que prévu, comme toujours, et nous avons déjà prévu de revenir. Un marché comme celui-ci n'est pas un simple lieu de commerce : c'est le cœur battant d'une ville, et le meilleur endroit pour la comprendre.</p>
""",
    ),
    DemoPost(
        title="Constantine, la ville des ponts",
        language="fr",
        authors=(NADIA,),
        labels=("Villes",),
        days_ago=158,
        image=("arches", "slate"),
        image_alt="Une rangée d'arches claires dans un mur gris ardoise",
        body="""
<p>Constantine est bâtie sur un rocher que le Rhumel a creusé de gorges profondes. Pour relier ses quartiers, il a fallu enjamber le vide, encore et encore. Le résultat est une ville suspendue, où l'on passe d'un bord à l'autre en regardant, tout en bas, la rivière couler entre les falaises.</p>
<h2>Traverser au-dessus du vide</h2>
<p>Chaque pont a son caractère. Le plus célèbre est sans doute la passerelle suspendue, réservée aux piétons, qui tangue un peu sous les pas et fait frissonner les visiteurs. D'autres, plus massifs, portent voitures et tramway. Les traverser à pied, lentement, reste la meilleure façon de sentir la ville.</p>
<h3>Quelques conseils pour la promenade</h3>
<ul>
<li>Partez tôt le matin, quand la lumière rase éclaire les falaises.</li>
<li>Prévoyez de bonnes chaussures : la ville monte et descend sans cesse.</li>
<li>Ne cherchez pas à tout voir en une journée, les ponts se méritent.</li>
</ul>
<h2>La vieille ville</h2>
<p>Entre les ponts, la médina serre ses ruelles et ses escaliers. On y trouve des artisans du cuivre, des pâtissiers qui préparent des gâteaux aux amandes, et des maisons anciennes aux portes sculptées. Le palais du bey, restauré, montre des cours, des jardins et des faïences qui racontent plusieurs siècles d'histoire.</p>
<h3>Une ville de musique et de savoir</h3>
<p>Constantine est aussi connue pour sa tradition musicale, le malouf, héritée de l'Andalousie, et pour ses savants et ses écoles. Dans les cafés de la vieille ville, on entend encore des enregistrements anciens, que les habitués écoutent en silence.</p>
<blockquote><p>Ici, les ponts ne relient pas seulement des quartiers : ils relient les époques.</p></blockquote>
<h2>Ce qu'on emporte</h2>
<p>En quittant Constantine, on garde en tête ce vertige particulier, celui d'une ville qui a choisi de vivre au bord du gouffre et qui en a fait sa beauté. On repart aussi avec une boîte de gâteaux, parce qu'il est impossible de résister, et avec l'envie de revenir pour traverser le pont qu'on n'a pas eu le temps de voir.</p>
""",
    ),
    DemoPost(
        title="Un atelier de réparation solidaire à Casablanca",
        language="fr",
        authors=(NADIA,),
        labels=("Villes",),
        days_ago=74,
        image=("grid", "olive"),
        image_alt="Des carrés vert olive et orangés vus d'en haut, traversés par une diagonale claire",
        body="""
<p>Dans un local prêté par une association de quartier à Casablanca, un samedi sur deux, on répare. Des grille-pain, des lampes, des radios, des vélos, des vêtements déchirés, des téléphones qui ne chargent plus. Les bénévoles sont électriciens, couturières, étudiants en génie ou simplement bricoleurs patients.</p>
<h2>Le principe</h2>
<p>L'idée est simple : on ne répare pas à la place des gens, on répare avec eux. Chacun arrive avec son objet, s'assoit à côté d'un bénévole, et apprend en regardant et en faisant. La réparation est gratuite ; une boîte à dons permet d'acheter les petites pièces et les outils.</p>
<h3>Ce qu'on répare le plus souvent</h3>
<ol>
<li>Les fers à repasser et bouilloires, souvent victimes d'un simple fil coupé.</li>
<li>Les vêtements : fermetures éclair, ourlets, boutons.</li>
<li>Les vélos d'enfants, freins et chaînes surtout.</li>
<li>Les chargeurs et câbles de téléphone.</li>
</ol>
<h2>Pourquoi c'est important</h2>
<p>Chaque objet réparé, c'est un objet qui ne finit pas à la décharge et un achat de moins. Mais l'atelier a aussi un autre effet, moins visible : il redonne confiance. Beaucoup de participants pensaient qu'un appareil en panne était fichu, ou que la réparation était réservée aux spécialistes. Ils repartent fiers d'avoir ouvert eux-mêmes un boîtier et changé une pièce.</p>
<blockquote><p>« Je croyais que ma radio était morte. Elle avait juste besoin qu'on la regarde », nous a dit un retraité, ravi.</p></blockquote>
<h2>Les règles de l'atelier</h2>
<ul>
<li>La sécurité d'abord : on débranche, on vérifie, et on ne touche jamais au gaz.</li>
<li>On ne promet pas de réussir : certains objets ne se réparent pas, et ce n'est pas grave.</li>
<li>On partage les outils et on range ensemble à la fin.</li>
</ul>
<h2>Envie de participer ?</h2>
<p>L'atelier cherche toujours des bénévoles, surtout des personnes qui savent coudre ou souder. Et si vous avez chez vous un tiroir rempli d'appareils en panne, c'est peut-être le moment de leur donner une seconde chance. Venez avec, restez pour le thé, et repartez avec un objet qui marche.</p>
""",
    ),
    DemoPost(
        title="Le pain de semoule, un geste à transmettre",
        language="fr",
        authors=(NADIA,),
        labels=("Cuisine",),
        days_ago=10,
        draft=True,
        image=("dunes", "sand"),
        image_alt="Des dunes ocre et bleu-vert sous un disque pâle",
        body="""
<p>La kesra, galette de semoule cuite sur un tajine de terre, est le premier pain que j'ai appris à faire. Ma mère la pétrissait chaque matin dans une grande gasaa en bois, et l'odeur de la semoule grillée réveillait toute la maison.</p>
<h2>Les ingrédients</h2>
<ul>
<li>500 g de semoule fine ;</li>
<li>une cuillère à café de sel ;</li>
<li>quatre cuillères à soupe d'huile d'olive ;</li>
<li>de l'eau tiède, petit à petit.</li>
</ul>
<h2>Le geste</h2>
<p>On sable d'abord la semoule avec l'huile et le sel, entre les paumes, jusqu'à ce que chaque grain soit enrobé. Puis on ajoute l'eau peu à peu, en pétrissant avec le talon de la main, jusqu'à obtenir une pâte souple qui ne colle plus. On l'étale en disque épais, on la pique à la fourchette et on la cuit à feu moyen, en la retournant plusieurs fois.</p>
<blockquote><p>La pâte vous dit quand elle est prête : elle devient douce comme une joue.</p></blockquote>
<h3>Les erreurs du début</h3>
<p>Trop d'eau d'un coup, et la pâte colle aux doigts ; pas assez, et la galette se fendille à la cuisson. Un feu trop vif brûle la croûte avant que le cœur ne soit cuit. Ma mère riait de mes premières kesras, dures comme des tuiles, et me faisait recommencer le lendemain. C'est ainsi que le geste entre dans les mains : par la répétition, jamais par la recette seule.</p>
<h2>À suivre</h2>
<p>Dans un prochain billet, les variantes : au fenouil, au beurre, et la version feuilletée des jours de fête.</p>
""",
    ),
    DemoPost(
        title="La darija s'écrit-elle en chiffres ?",
        language="fr",
        authors=(NADIA,),
        labels=("Langues",),
        days_ago=18,
        body="""
<p>« Wa9ila ghadi nji 3la 7 » : si cette phrase vous semble codée, c'est que vous n'avez jamais reçu de message d'un ami marocain, algérien ou tunisien. Depuis l'époque des premiers téléphones portables, toute une génération écrit la darija en lettres latines, avec des chiffres pour remplacer les sons que l'alphabet latin ne sait pas noter.</p>
<h2>Une écriture née de la contrainte</h2>
<p>Au début, il n'y avait pas le choix. Les claviers des téléphones et des ordinateurs n'avaient souvent pas de lettres arabes, et les messages étaient courts et chers. Alors on s'est débrouillé. Le chiffre 3 ressemblait à la lettre ʿayn vue dans un miroir, le 7 au ḥa, le 9 au qaf. Le système s'est répandu sans que personne ne l'ait inventé officiellement.</p>
<h3>Le petit tableau de correspondances</h3>
<table>
<thead><tr><th>Chiffre</th><th>Lettre arabe</th><th>Exemple</th></tr></thead>
<tbody>
<tr><td>2</td><td>ء (hamza)</td><td>so2al, « question »</td></tr>
<tr><td>3</td><td>ع (ʿayn)</td><td>3ajbni, « ça me plaît »</td></tr>
<tr><td>7</td><td>ح (ḥa)</td><td>7obb, « amour »</td></tr>
<tr><td>9</td><td>ق (qaf)</td><td>9alb, « cœur »</td></tr>
<tr><td>5</td><td>خ (kha)</td><td>5obz, « pain »</td></tr>
</tbody>
</table>
<h2>Toujours vivante ?</h2>
<p>Aujourd'hui, tous les téléphones proposent un clavier arabe, et pourtant l'écriture en chiffres n'a pas disparu. Beaucoup la préfèrent pour la darija, justement parce qu'elle n'a pas d'orthographe fixe en arabe et qu'on se sent plus libre en lettres latines. D'autres écrivent la darija en lettres arabes, et le débat anime régulièrement les conversations de famille.</p>
<blockquote><p>Une langue que l'on parle depuis toujours sans l'avoir jamais écrite finit toujours par trouver ses lettres.</p></blockquote>
<h2>Ce que ça dit de nous</h2>
<p>Cette écriture bricolée est un beau témoin de la créativité ordinaire. Elle montre qu'une langue parlée, souvent jugée « sans grammaire », a assez de vitalité pour s'inventer une orthographe toute seule, par l'usage. Elle montre aussi que les frontières entre alphabets sont plus poreuses qu'on ne le croit.</p>
<h2>Et vous ?</h2>
<p>Écrivez-vous la darija en chiffres, en lettres arabes, ou pas du tout ? Racontez-nous en commentaire comment vous écrivez à vos proches, et si vos parents arrivent à vous lire.</p>
""",
    ),
)

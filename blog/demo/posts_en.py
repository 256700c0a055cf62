"""Demo posts in English."""

# One paragraph per line, so the prose reads and diffs as paragraphs.
# ruff: noqa: E501

from .content import DemoPost

OMAR = "omar-khalil"
YOUSSEF = "يوسف-حداد"

POSTS = (
    DemoPost(
        title="Amman's stairs, one flight at a time",
        language="en",
        authors=(OMAR,),
        labels=("Civic life",),
        days_ago=365,
        image=("arches", "olive"),
        image_alt="A row of pale arches in an olive-green wall under a soft yellow sky",
        body="""
<p>Amman was built on hills, and for a long time the only way to get from one to the next on foot was to climb. The city answered with stairs: long stone flights that cut between houses, past doorways and jasmine bushes, linking the old downtown in the valley to the neighbourhoods above.</p>
<h2>Streets you cannot drive</h2>
<p>Most visitors discover the stairs by accident, usually while trying to find a shortcut. A map shows two streets a few hundred metres apart; in reality they are separated by a cliff of houses, and the only link is a staircase of a hundred and fifty steps. Taking it is slower than a taxi and faster than any bus, and much more interesting than both.</p>
<h3>What you see on the way up</h3>
<ul>
<li>Children racing each other, two steps at a time.</li>
<li>Neighbours chatting from one balcony to another across the flight.</li>
<li>Painted steps, where local artists turned the risers into a single long picture.</li>
<li>Cats. Always cats.</li>
</ul>
<h2>Public space, the old way</h2>
<p>The stairs are more than infrastructure. They are among the few truly public spaces in a city that grew quickly and mostly for cars. Nobody owns them, everybody uses them, and they slow people down enough to say hello. In summer evenings, some landings become little meeting places, with plastic chairs and a thermos of tea.</p>
<p>That also means they need care. Broken steps, missing handrails and dark stretches at night keep older people and parents with prams away. In several neighbourhoods, residents have organised clean-ups, painted handrails and asked the municipality for better lighting, with some success.</p>
<blockquote><p>A staircase is a street that has decided to take its time.</p></blockquote>
<h2>A small walking route</h2>
<ol>
<li>Start in the downtown, near the old souk, early in the morning.</li>
<li>Climb towards Jabal al-Weibdeh, and stop at the top for the view over the valley.</li>
<li>Walk along the ridge, then take any staircase down towards Jabal Amman.</li>
<li>Finish with breakfast in one of the small cafés near the first circle.</li>
</ol>
<h2>Before you go</h2>
<p>Wear shoes with a good grip, carry water, and do not try to plan too much: the best stairs are the ones you did not know existed. And if a neighbour offers you a glass of tea halfway up, take it. You will need the rest.</p>
""",
    ),
    DemoPost(
        title="A tiny server for a neighbourhood association",
        language="en",
        authors=(OMAR, YOUSSEF),
        labels=("Small tech",),
        days_ago=305,
        image=("grid", "indigo"),
        image_alt="A grid of blue and amber squares seen from above, crossed by a pale diagonal",
        excerpt=(
            "A second-hand mini computer, a shared calendar and a rule against anything clever: "
            "how a residents' association got its own small server."
        ),
        body="""
<p>Our residents' association had the same problem as many small groups: information everywhere and nowhere. Meeting minutes lived in someone's email, the calendar in a paper notebook, and photos of the street party in a dozen phones. When the treasurer moved away, half of the records left with her laptop.</p>
<h2>What we wanted</h2>
<p>We did not want a big platform, a monthly subscription or anything that needed a specialist to keep alive. We wanted three things, and we wrote them on the wall of the community room so that nobody could forget them:</p>
<ol>
<li>A shared calendar that everyone can read and a few people can edit.</li>
<li>A folder of documents that does not depend on one person's account.</li>
<li>A weekly backup that we can check with our own eyes.</li>
</ol>
<h2>The hardware</h2>
<p>We used a second-hand mini computer donated by a member, the kind that used to sit behind a shop counter. It uses less power than a light bulb, makes no noise, and fits on the shelf above the kettle. We added a solid-state disk and an external drive for backups, and plugged everything into a small uninterruptible power supply, because power cuts are frequent in our area.</p>
<h3>The software</h3>
<p>We chose well-known, maintained open-source tools and resisted every temptation to be clever. The server runs a stable Linux distribution with automatic security updates, a file-sharing application with a calendar, and a backup job that copies everything to the external drive every night.</p>
<table>
<thead><tr><th>Task</th><th>Who</th><th>How often</th></tr></thead>
<tbody>
<tr><td>Check that last night's backup exists</td><td>Any volunteer</td><td>Weekly</td></tr>
<tr><td>Restore one file as a test</td><td>Two volunteers together</td><td>Monthly</td></tr>
<tr><td>Take a backup copy home</td><td>The secretary</td><td>Monthly</td></tr>
</tbody>
</table>
<blockquote><p>A backup you have never restored is only a hope.</p></blockquote>
<h2>What we learned</h2>
<p>The technology was the easy part. The hard part was agreeing on who can see what, writing it down, and training enough people that the system does not depend on one of us. We held two evening sessions with tea and a projector, and printed a one-page guide that is taped next to the machine.</p>
<h2>Should you do the same?</h2>
<p>If your group has nobody willing to look after a computer for an hour a month, a reputable hosted service is a better choice. But if you have two or three curious people, a tiny server can give a small association something rare: control over its own memory.</p>
""",
    ),
    DemoPost(
        title="Right-to-left on the web: five mistakes to avoid",
        language="en",
        authors=(OMAR,),
        labels=("Small tech",),
        days_ago=246,
        image=("tiles", "sea"),
        image_alt="Eight-pointed stars in navy, gold and white on a blue gradient",
        body="""
<p>https://www.w3.org/International/ is the first address I send to anyone building a site that has to speak Arabic. What follows is the short version: five mistakes I keep meeting when reviewing websites for Arabic, Persian or Hebrew readers, and how to avoid them.</p>
<h2>1. Forgetting the direction attribute</h2>
<p>The most common mistake is also the simplest. If the page is in Arabic, the root element should say so, with both the language and the direction: <code>lang="ar"</code> and <code>dir="rtl"</code>. Without them, browsers guess, screen readers mispronounce, and punctuation lands in strange places.</p>
<h2>2. Writing left and right in the stylesheet</h2>
<p>Margins and paddings written as <code>margin-left</code> or <code>padding-right</code> are tied to one direction. Logical properties such as <code>margin-inline-start</code> and <code>padding-inline-end</code> follow the direction of the text, so one stylesheet serves both Arabic and English. It is the single change that saves the most time.</p>
<h3>Where to flip, and where not to</h3>
<ul>
<li>Flip arrows that mean "next" and "previous".</li>
<li>Do not flip logos, photographs, or a clock's hands.</li>
<li>Do not flip media controls: play still points the same way.</li>
</ul>
<h2>3. Mixing scripts without isolation</h2>
<p>A user name in Latin letters inside an Arabic sentence can scramble the order of the words and numbers around it. Wrapping such fragments in a <code>bdi</code> element, or giving them <code>dir="auto"</code>, isolates them so that the rest of the sentence keeps its order.</p>
<h2>4. Choosing a font that was never meant for Arabic</h2>
<p>Many popular web fonts have no Arabic letters at all, so the browser falls back to whatever the system offers, often at a different size and weight. Choose a font family designed for both scripts, check the line height, and remember that Arabic usually needs a slightly larger size to be as readable as Latin text.</p>
<h2>5. Testing only with placeholder text</h2>
<p>Dummy Latin text tells you nothing about Arabic. Test with real sentences, including long words, numbers, dates, and a mixture of scripts. Ask a native reader to look at the page on a phone: they will spot in seconds what a checklist misses.</p>
<blockquote><p>Direction is not a theme you add at the end; it is a property of the text, from the first line of markup.</p></blockquote>
<h2>In short</h2>
<p>None of these fixes is difficult, and together they make the difference between a site that tolerates Arabic and one that welcomes it. For deeper reading, the <a href="https://www.w3.org/International/questions/qa-html-dir">W3C article on structural markup and right-to-left text</a> remains the clearest introduction.</p>
""",
    ),
    DemoPost(
        title="The caravanserais of the old trade roads",
        language="en",
        authors=(OMAR,),
        labels=("History",),
        days_ago=186,
        image=("dunes", "terracotta"),
        image_alt="Layered dunes in ochre and deep red under a pale disc",
        body="""
<p>Anyone who has driven across the desert roads of the Levant or Anatolia has passed them: square stone buildings with a single large gate, standing alone by the road at distances that seem random. They are not random. They were placed about a day's walk apart, and for centuries they were the hotels, warehouses and post offices of the trade roads.</p>
<h2>A fortress with a courtyard</h2>
<p>The plan of a caravanserai is simple and clever. High outer walls with few openings protected people, animals and goods from raiders and from the wind. Inside, a large open courtyard held the animals and often a well or a cistern. Around it, arcades sheltered storerooms on the ground floor and rooms for travellers above.</p>
<h3>Who stayed there</h3>
<ul>
<li>Merchants with their camels or mules and their loads of cloth, spices or metal.</li>
<li>Pilgrims on the long roads to the holy cities.</li>
<li>Messengers and officials carrying letters and orders.</li>
<li>Scholars travelling to study with a famous teacher.</li>
</ul>
<h2>Hospitality as policy</h2>
<p>Many caravanserais were built by rulers or wealthy benefactors and supported by endowments. Travellers could often stay for a few days without paying, because safe and busy roads were good for everyone: for trade, for taxes, and for the reputation of whoever built them. In the cities, the same kind of building became the khan, a place where merchants stored goods and did business.</p>
<blockquote><p>A road is only as good as the places where you can rest along it.</p></blockquote>
<h2>A network of ideas</h2>
<p>Goods were not the only things that travelled. In the evenings, in the courtyards, merchants exchanged news, prices and stories. Techniques, recipes, songs and books moved along the same roads. Historians sometimes describe the old trade routes as the internet of their time; the comparison is loose, but the caravanserai was certainly one of its busiest nodes.</p>
<h2>What remains</h2>
<p>Some caravanserais are in ruins, some have been restored as museums or hotels, and a few in old city centres are still used as markets and workshops. If you visit one, stand in the middle of the courtyard for a moment and imagine the noise: animals, voices in a dozen languages, the smell of cooking fires. Then look at the gate, and think of everyone who walked through it at the end of a long day.</p>
""",
    ),
    DemoPost(
        title="Water, stone and patience: the khettaras of Tafilalt",
        language="en",
        authors=(OMAR,),
        labels=("History",),
        days_ago=128,
        image=("dunes", "olive"),
        image_alt="Green and orange hills rolling under a light disc",
        excerpt="Underground channels dug by hand carried water to desert oases for centuries.",
        body="""
<p>From the air, the land south of the High Atlas looks like a row of craters: small mounds of earth, each with a hole in the middle, running in a straight line across the plain towards an oasis. Each mound marks a well, and the wells are connected underground by a tunnel. Together they form a khettara, a channel that brings water from the foothills to the palm groves by gravity alone.</p>
<h2>How a khettara works</h2>
<p>The principle is old and found from Iran to Spain under different names. Diggers find water under the slope of a hill, then dig a gently sloping tunnel from the fields towards it. The vertical shafts along the way let them remove the earth, bring in air and later come down to clean the channel. The slope must be very gentle: too steep, and the water erodes the tunnel; too flat, and it does not flow.</p>
<h3>Why underground?</h3>
<ul>
<li>Water in an open canal would evaporate under the desert sun.</li>
<li>A tunnel is protected from sandstorms and animals.</li>
<li>No pump or fuel is needed, only gravity and maintenance.</li>
</ul>
<h2>Sharing the water</h2>
<p>The hardest part of a khettara was never the digging; it was the sharing. The families who dug and maintained a channel received rights to its water, often measured in time: a number of hours, every so many days. These rights could be inherited, sold or exchanged, and they were recorded and defended with great care. Disputes were settled by assemblies that knew every share by heart.</p>
<blockquote><p>In the oasis, a water share was worth more than a field, because a field without water is only sand.</p></blockquote>
<h2>What threatens them now</h2>
<p>Many khettaras have dried up. Motor pumps draw water from deeper wells and lower the water table, and young people leave for the cities, so there are fewer hands for the hard work of cleaning the tunnels. Some communities and associations are restoring channels, combining old knowledge with new materials, and teaching a new generation how to go down the shafts safely.</p>
<h2>A lesson worth keeping</h2>
<p>The khettaras are not only a piece of heritage. They are a reminder that living with little water requires patience, cooperation and rules that everyone accepts. In a region facing longer droughts, that lesson may be their most valuable legacy.</p>
""",
    ),
    DemoPost(
        title="What a community fridge taught us",
        language="en",
        authors=(OMAR,),
        labels=("Civic life",),
        days_ago=41,
        body="""
<p>Last winter, a bakery owner in our neighbourhood put an old refrigerator on the pavement in front of her shop, painted it green, and taped a handwritten sign to the door: take what you need, leave what you can. A year later, the fridge is still there, and it has changed the street more than any of us expected.</p>
<h2>How it works</h2>
<p>Anyone can put food in and anyone can take food out. There is no registration, no questions, and no one standing guard. The bakery empties its unsold bread into it every evening; a greengrocer adds vegetables that are slightly bruised but perfectly good; families drop off cooked dishes after a party.</p>
<h3>The few rules</h3>
<ul>
<li>No raw meat or fish, and no opened drinks.</li>
<li>Cooked food in a closed container, with the date written on it.</li>
<li>Anything past its date is removed by the volunteer on duty.</li>
</ul>
<p>A rota of volunteers checks the fridge twice a day, wipes the shelves and keeps a simple notebook of what comes in. The notebook turned out to be important: it reassures donors and shows the municipality that the project is run seriously.</p>
<h2>What surprised us</h2>
<p>We expected the fridge to feed people in need, and it does. What we did not expect was how many different people would use it: students at the end of the month, elderly neighbours living on small pensions, workers on a night shift, and sometimes just someone who wanted to try the neighbour's stuffed vine leaves.</p>
<blockquote><p>The fridge has no door policy. That is why people who would never ask for help feel able to open it.</p></blockquote>
<h2>The difficult moments</h2>
<p>It has not always been easy. Once the fridge broke down in the middle of summer; a repair shop fixed it for free. Some evenings it is empty, and that is hard to see. And a few people worried it would attract trouble, which it has not. Talking openly with the neighbours, and inviting the doubters to join the rota, solved more problems than any sign could.</p>
<h2>If you want to start one</h2>
<ol>
<li>Find a host with a power socket and a bit of pavement: a shop, a mosque, a school.</li>
<li>Talk to the neighbours before the fridge arrives, not after.</li>
<li>Write down simple food-safety rules and stick them on the door.</li>
<li>Build a rota of at least six people, so nobody burns out.</li>
</ol>
<h2>A last thought</h2>
<p>A community fridge will not solve poverty, and it should never replace public support. But it shows, every single day, that a street is a place where people look after one another.</p>
""",
    ),
    DemoPost(
        title="Backing up family photos without losing your mind",
        language="en",
        authors=(OMAR,),
        labels=("Small tech",),
        days_ago=5,
        draft=True,
        image=("circles", "slate"),
        image_alt="Overlapping grey, coral and white discs on a slate-blue background",
        body="""
<p>Every family I know has the same quiet disaster waiting to happen: thousands of photos spread across old phones, a laptop with a tired battery, and a memory card in a drawer that nobody has opened since a wedding ten years ago.</p>
<h2>The rule of three</h2>
<p>The simplest method that works is the one professionals use: three copies, on two different kinds of storage, with one copy kept somewhere else. For a family, that can be as simple as the phone, an external drive at home, and a second drive at a relative's house.</p>
<ul>
<li>Copy everything into one folder, organised by year.</li>
<li>Copy that folder to two external drives.</li>
<li>Swap the second drive with a relative every few months.</li>
</ul>
<h3>Start with the oldest devices</h3>
<p>Old phones and memory cards fail first, so begin there. Charge the forgotten phones in the drawer, copy their photos before the batteries give up for good, and write the name of the device on a label stuck to the external drive. Do not try to sort anything yet: copying comes first, tidying comes later. A messy copy is far better than a tidy loss.</p>
<p>Then set a reminder in your calendar, once a month, to copy the new photos from everyone's phones. Ten minutes on a Sunday afternoon is enough, and it is the habit, not the tool, that saves your memories.</p>
<h2>Next time</h2>
<p>How to find and remove duplicates, and how to label photos so that your grandchildren will know who is in them.</p>
""",
    ),
    DemoPost(
        title="Reading Ibn Khaldun on a train",
        language="en",
        authors=(OMAR,),
        labels=("History",),
        days_ago=-6,
        image=("waves", "dusk"),
        image_alt="A low orange sun over purple waves",
        body="""
<p>I started the Muqaddimah on a slow train, with a long journey ahead and no signal on my phone. It seemed fitting: a book written by a man who spent much of his life on the road, moving between courts and cities across North Africa and al-Andalus, read by someone watching fields and towns go by.</p>
<h2>An introduction that became a book</h2>
<p>Ibn Khaldun wrote the Muqaddimah in the fourteenth century as the introduction to a much larger history. The introduction outgrew its purpose. In it he asks questions that still feel modern: why do states rise and fall? How do cities and crafts develop? Why do historians repeat impossible stories, and how can we tell a plausible report from a legend?</p>
<h3>Ideas that stayed with me</h3>
<ul>
<li><strong>Group solidarity</strong>, which he calls <em>ʿasabiyya</em>: the bond that lets a group act together, and which weakens with comfort and time.</li>
<li><strong>Criticism of sources</strong>: a report must be judged against what is possible, not only against the reputation of whoever tells it.</li>
<li><strong>Cities and crafts</strong>: skills and learning flourish where people gather and where there is demand for them.</li>
</ul>
<h2>Reading it today</h2>
<p>It would be a mistake to read Ibn Khaldun as a modern sociologist in disguise. He wrote in his own time, with its assumptions, its beliefs and its blind spots, and some of his generalisations about peoples and places are hard to accept today. But what remains striking is his method: the insistence on looking for causes, and the refusal to accept a story just because it is often repeated.</p>
<blockquote><p>On a train, history looks less like a list of dates and more like what he described: people moving, settling, building and forgetting.</p></blockquote>
<h2>How to approach it</h2>
<ol>
<li>Choose a good modern translation or edition with notes, in whichever language you read best.</li>
<li>Do not read it cover to cover; start with the chapters on historical method and on cities.</li>
<li>Keep a notebook, and write down the questions he asks rather than his answers.</li>
</ol>
<h2>End of the line</h2>
<p>By the time the train arrived, I had read barely a hundred pages, and I had filled a notebook. That is perhaps the best compliment one can pay an old book: it makes you slow down, and it makes you ask better questions about the world outside the window.</p>
""",
    ),
)

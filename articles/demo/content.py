"""Demo content for the Caspian Crossroads Analyst (fictional publication).

All names, authors, organisations and developments described here are invented for
demonstration purposes. Plain Python data; loaded by the demo seeding code.
"""

from datetime import date

PUBLICATION = {
    "name": "Caspian Crossroads Analyst",
    "tagline": "Biweekly analysis of Central Asia, the Caucasus and their neighbourhood",
    "about": (
        "The Caspian Crossroads Analyst is published every other Wednesday by the Joint Programme "
        "on Eurasian Connectivity at the Northbridge Institute for Eurasian Policy. It brings "
        "together analysts, field researchers and former practitioners to explain political, "
        "economic and security developments from the Black Sea to the Chinese border. It is "
        "written for policymakers, diplomats, journalists, investors and scholars who need "
        "concise, independent analysis of the region."
    ),
}

AUTHORS = [
    {
        "name": "Arman Seitkali",
        "slug": "arman-seitkali",
        "affiliation": "Northbridge Institute for Eurasian Policy",
        "bio": (
            "Arman Seitkali is a senior fellow at the Northbridge Institute for Eurasian Policy, "
            "where he works on transport corridors and the political economy of Central Asia. He "
            "previously advised a regional development bank on trade facilitation."
        ),
    },
    {
        "name": "Dilnoza Rakhimova",
        "slug": "dilnoza-rakhimova",
        "affiliation": "Ferghana Valley Research Collective",
        "bio": (
            "Dilnoza Rakhimova is research director at the Ferghana Valley Research Collective. "
            "She studies transboundary water governance and labour migration in Central Asia."
        ),
    },
    {
        "name": "Levan Kiknadze",
        "slug": "levan-kiknadze",
        "affiliation": "Kura Policy Lab",
        "bio": (
            "Levan Kiknadze is a Tbilisi-based fellow at the Kura Policy Lab and a non-resident "
            "fellow of the Northbridge Institute. He writes on Black Sea trade, ports and South "
            "Caucasus politics."
        ),
    },
    {
        "name": "Helena Varga",
        "slug": "helena-varga",
        "affiliation": "Caspian Energy Monitor",
        "bio": (
            "Helena Varga is lead energy analyst at the Caspian Energy Monitor. She covers gas "
            "markets, pipeline politics and the energy transition around the Caspian basin."
        ),
    },
    {
        "name": "Thomas Whitcombe",
        "slug": "thomas-whitcombe",
        "affiliation": "Aldermoor Centre for Security Studies",
        "bio": (
            "Thomas Whitcombe is a senior research fellow at the Aldermoor Centre for Security "
            "Studies, where he focuses on defence reform and military cooperation in the former "
            "Soviet south."
        ),
    },
    {
        "name": "Narine Avetisyan",
        "slug": "narine-avetisyan",
        "affiliation": "Northbridge Institute for Eurasian Policy",
        "bio": (
            "Narine Avetisyan is an associate fellow at the Northbridge Institute for Eurasian "
            "Policy, based in Yerevan. Her research covers Armenian politics, border regions and "
            "the Armenia–Azerbaijan peace process."
        ),
    },
]

ISSUES = [
    {
        "date": date(2026, 10, 21),
        "volume": 28,
        "number": 20,
        "title": "Corridors and Reservoirs",
    },
    {
        "date": date(2026, 11, 4),
        "volume": 28,
        "number": 21,
        "title": "Reserves, Gas and Migrants",
    },
    {
        "date": date(2026, 11, 18),
        "volume": 28,
        "number": 22,
        "title": "Borders and Ballots",
    },
]

ARTICLES = [
    {
        "title": "The Middle Corridor’s Bottleneck Moves Inland",
        "slug": "middle-corridor-bottleneck-moves-inland",
        "section": "analytical-articles",
        "issue": date(2026, 10, 21),
        "authors": ["arman-seitkali"],
        "teaser": (
            "Port upgrades on the Caspian have eased the most visible choke point on the "
            "Trans-Caspian route. Rail capacity, border procedures and tariff coordination now set "
            "the pace for Kazakhstan, Azerbaijan and Georgia."
        ),
        "background": (
            "<p>For most of the past four years, discussion of the Trans-Caspian International "
            "Transport Route, better known as the Middle Corridor, has concentrated on its sea "
            "leg. Ferry and feeder capacity between Aktau, Kuryk and Baku was scarce, sailing "
            "schedules were unreliable, and falling water levels in the northern Caspian forced "
            "operators to sail lighter than planned. Freight forwarders routinely named the "
            "crossing as the single largest source of delay on a route that links western China "
            "with the Black Sea and Europe without transiting Russia. Since 2022 that feature has "
            "drawn governments and logistics companies to a route that was previously treated as a "
            "niche alternative to the northern rail corridor through Russia and Belarus.</p>"
            "<p>That picture has changed, if unevenly. New berths at Kuryk, expanded container "
            "handling at Aktau and the gradual arrival of additional feeder vessels under Kazakh "
            "and Azerbaijani flags have raised the nominal capacity of the crossing. Dredging of "
            "approach channels has partly offset the retreat of the shoreline. Operators "
            "interviewed for this article over the summer described waiting times at the Kazakh "
            "ports measured in days rather than weeks, a clear improvement on the congestion of "
            "2022 and 2023.</p><p>Yet volumes have not grown in proportion to the new port "
            "capacity, and the reasons lie inland. The rail segments on either side of the sea – "
            "the Kazakh network running west from the Chinese border at Dostyk and Khorgos, and "
            "the Azerbaijani and Georgian lines running from Baku to the Black Sea ports and the "
            "Turkish border – carry mixed traffic, include long single-track sections and are "
            "managed by national operators whose tariff and scheduling decisions remain only "
            "loosely coordinated. The joint body created by the railways and port authorities has "
            "agreed on through-rates in principle, but implementation has been piecemeal. Rolling "
            "stock is a further constraint: flat wagons and locomotives are scarce on the Kazakh "
            "network during the harvest months, when grain exports compete for the same "
            "equipment.</p>"
        ),
        "implications": (
            "<p>The migration of the bottleneck changes the politics of the corridor. Port "
            "investments were comparatively easy to agree: they were discrete projects, attractive "
            "to international lenders, and their benefits were visible. Rail upgrades are slower, "
            "more expensive and more sensitive, because they touch on how national railways price "
            "domestic freight, how they allocate scarce train paths between passenger and cargo "
            "services, and how much operational control they are willing to cede to a joint "
            "operator. Kazakhstan, which carries the longest segment, has the strongest incentive "
            "to invest but also the most domestic traffic competing for the same track, notably "
            "coal and grain moving to its own ports and to Russia. Azerbaijan, meanwhile, has "
            "invested in the port at Alat and its free trade zone, and seeks to capture value "
            "through logistics services rather than simple transit. For Georgia, the pace of "
            "modernisation on the Baku–Tbilisi–Kars line and the unresolved future of deep-water "
            "port plans on its coast determine whether cargo can continue westward without a "
            "second round of transshipment delays.</p><p>Border procedures compound the problem. "
            "Each hand-over on the route – at the Chinese–Kazakh border, in the Caspian ports, at "
            "the Azerbaijani–Georgian frontier and onward to Türkiye or the Black Sea – involves "
            "separate documentation and inspections. Pilots of electronic consignment notes and "
            "shared customs data have shown promising results, but they still cover a minority of "
            "shipments. Shippers, for whom predictability matters more than speed, therefore "
            "continue to treat the Middle Corridor as a supplementary route rather than a primary "
            "one. That perception discourages the long-term volume commitments that would justify "
            "further rail investment, producing a cycle that no single government can break on its "
            "own. Insurance premiums, which reflect both delays and the risk of damage during "
            "repeated transshipment, add a cost that rarely appears in official comparisons with "
            "the northern route or the maritime route through Suez.</p>"
        ),
        "conclusions": (
            "<p>The Middle Corridor has passed an important test: its most publicised weakness has "
            "been substantially addressed. The next stage is less photogenic. It requires "
            "agreement on harmonised tariffs, guaranteed train paths, a single digital document "
            "regime and a dispute mechanism that shippers trust. These are questions of "
            "institutional design rather than construction, and they depend on political "
            "willingness to pool a measure of control.</p><p>Western and Asian partners that have "
            "pledged support for the corridor would obtain more from their money by financing "
            "interoperability – signalling, shared data platforms, training for customs staff – "
            "than by adding further port capacity that the hinterland cannot yet use. For the "
            "governments in Astana, Baku and Tbilisi, the question is whether they are prepared to "
            "treat the route as a shared asset whose value is set by its weakest segment, rather "
            "than as three national projects joined at the borders.</p>"
        ),
        "body": "",
        "bio": (
            "Arman Seitkali is a senior fellow at the Northbridge Institute for Eurasian Policy, "
            "where he works on transport corridors and the political economy of Central Asia. He "
            "previously advised a regional development bank on trade facilitation."
        ),
        "tags": ["Kazakhstan", "Azerbaijan", "Georgia"],
        "read_count": 5480,
    },
    {
        "title": "After a Dry Summer, Upstream and Downstream Talk Again",
        "slug": "after-dry-summer-upstream-downstream-talk-again",
        "section": "analytical-articles",
        "issue": date(2026, 10, 21),
        "authors": ["dilnoza-rakhimova"],
        "teaser": "",
        "background": (
            "<p>In late September, while U.S. and European Union envoys were touring the region to "
            "promote new climate-adaptation funds, water officials from Kyrgyzstan, Uzbekistan and "
            "Tajikistan met with little publicity in Osh to review a growing season that had "
            "tested every informal arrangement on the Syr Darya. Storage in the Toktogul reservoir "
            "had fallen well below its multi-year average by August, and farmers in the Ferghana "
            "Valley reported shortfalls during the critical weeks of cotton and wheat irrigation. "
            "In several districts of Uzbekistan’s Namangan and Ferghana regions, local authorities "
            "rotated irrigation days between villages, and disputes between water users’ "
            "associations reached the national media.</p><p>The underlying tension is structural. "
            "Upstream Kyrgyzstan and Tajikistan need to release water in winter to generate "
            "electricity when demand peaks, while downstream Uzbekistan, Kazakhstan and "
            "Turkmenistan need it in summer for agriculture. During the Soviet period the conflict "
            "was managed through a barter system: downstream republics supplied gas, coal and "
            "electricity in winter in exchange for summer water. Since independence that system "
            "has frayed, replaced by annual and often last-minute agreements whose terms depend on "
            "the political temperature of the moment. The Interstate Commission for Water "
            "Coordination, created in 1992, provides a forum for technical exchange, but its "
            "decisions depend on the consent of each member and it lacks enforcement "
            "mechanisms.</p><p>The marked improvement in Uzbek–Kyrgyz and Uzbek–Tajik relations "
            "since the late 2010s created room for more constructive arrangements, including joint "
            "hydropower projects and the settlement of most disputed border sections. Still, the "
            "region lacks a binding, multi-year framework for allocating water and compensating "
            "upstream states for storage. On the Amu Darya, the Qosh Tepa canal under construction "
            "in northern Afghanistan has added a further variable that none of the existing "
            "arrangements were designed to handle. Afghanistan is not a party to the Central Asian "
            "water agreements, and the authorities in Kabul have shown little interest in joining "
            "regional forums on terms set by others.</p>"
        ),
        "implications": (
            "<p>The Osh meeting reportedly produced agreement on two practical points: a joint "
            "assessment of winter release schedules, to be published before the end of the year, "
            "and an exchange of near-real-time data from gauging stations on the main tributaries. "
            "Neither is a breakthrough, but both address the information deficit that has in the "
            "past turned technical disagreements into political ones. When downstream officials "
            "cannot verify upstream release volumes, shortages are easily attributed to bad faith "
            "rather than to a thin snowpack or high evaporation, and local grievances in border "
            "districts quickly acquire an interstate dimension. Data sharing matters for early "
            "warning as well: spring mudflows and floods, which have caused damage on both sides "
            "of the Kyrgyz–Uzbek and Kyrgyz–Tajik borders, can be forecast more reliably when "
            "upstream readings are available in real time.</p><p>The larger challenge is "
            "financial. Upstream states seek compensation for the opportunity cost of holding "
            "water until summer, and present large new hydropower schemes, such as Kambarata-1 in "
            "Kyrgyzstan and Rogun in Tajikistan, as regional public goods that justify downstream "
            "co-investment. Uzbekistan’s readiness to take a stake in such projects marks a "
            "significant shift from its earlier opposition. Co-investment, however, raises hard "
            "questions about operating rules: who decides release schedules in a drought year, and "
            "how are losses shared? Without clear answers, shared ownership could simply move the "
            "dispute into a boardroom. Climate change raises the stakes further, since glacier "
            "retreat in the Tien Shan and Pamir is expected to increase flows for some decades "
            "before reducing them, tempting governments to plan around a temporary abundance.</p>"
        ),
        "conclusions": (
            "<p>A dry summer has reminded all parties that annual bargaining is a brittle "
            "substitute for rules. The modest steps agreed in Osh – data sharing and joint "
            "forecasting – are the right foundations, and external donors can usefully support "
            "them with funding for monitoring equipment, modelling capacity and the training of "
            "hydrologists who can work across borders. Kazakhstan, further downstream on the Syr "
            "Darya, should be included in these mechanisms from the outset rather than consulted "
            "afterwards.</p><p>The harder task is political: converting good bilateral relations "
            "into arrangements that outlast the current leaderships. A multi-year allocation "
            "protocol with transparent compensation for upstream storage would be the clearest "
            "sign that Central Asia’s water diplomacy has moved from crisis management to "
            "governance. Such a protocol would also give investors in new hydropower capacity a "
            "degree of certainty that the current ad hoc system cannot provide, lowering the cost "
            "of financing projects that all three states regard as priorities.</p>"
        ),
        "body": "",
        "bio": (
            "Dilnoza Rakhimova is research director at the Ferghana Valley Research Collective. "
            "She studies transboundary water governance and labour migration in Central Asia."
        ),
        "tags": ["Kyrgyzstan", "Uzbekistan", "Tajikistan"],
        "read_count": 4215,
    },
    {
        "title": "Poti’s Waiting Game: Notes from a Georgian Port Town",
        "slug": "potis-waiting-game-georgian-port-town",
        "section": "field-reports",
        "issue": date(2026, 10, 21),
        "authors": ["levan-kiknadze"],
        "teaser": (
            "On Georgia’s Black Sea coast, port workers and truck drivers describe a boom in "
            "transit traffic that has yet to translate into lasting local jobs."
        ),
        "background": "",
        "implications": "",
        "conclusions": "",
        "body": (
            "<p>The fish market near Poti’s old lighthouse opens before dawn, but by seven o’clock "
            "the conversation among traders has moved from the catch to the trucks. Since spring, "
            "the queue of lorries waiting to enter the port has stretched along the coastal road "
            "on most weekdays, and the cafés lining it have extended their hours. “Two years ago I "
            "closed at six,” says Manana, who runs a roadside kitchen serving khachapuri and tea "
            "to drivers from Armenia, Azerbaijan, Kazakhstan and Türkiye. “Now they come at "
            "midnight and ask whether there is somewhere to shower.”</p><p>The growth is real. "
            "Port managers say container throughput has risen steadily as cargo that once moved "
            "through Russian ports has been rerouted through the South Caucasus. Rail wagons "
            "loaded with Kazakh grain and Chinese consumer goods arrive from the east; trucks "
            "carry Turkish and European goods inland towards Armenia and Central Asia. A new "
            "container yard and extended berths, completed last year, allow the port to receive "
            "larger vessels, although the depth of the harbour still rules out the biggest ships "
            "that call at Turkish and Romanian terminals.</p><p>Yet the boom has changed the town "
            "less than residents hoped. Much of the new work is seasonal or contracted through "
            "logistics firms registered in Tbilisi or abroad. Nodar, a crane operator who has "
            "worked at the port since the late 1990s, says new equipment means that more cargo "
            "moves with fewer hands. “The volume doubles, the shift stays the same size,” he says. "
            "Younger workers often leave for hotel jobs in Batumi or for seasonal work in Europe, "
            "where wages are higher and contracts more predictable.</p><p>Local officials point to "
            "plans for a logistics zone on the outskirts and for an upgrade of the road towards "
            "Senaki, which would shorten the queues. Many in Poti also keep an eye on the "
            "long-delayed deep-water port project at Anaklia, further up the coast. Some see it as "
            "a competitor; others argue that the region needs both, and that a deep-water port "
            "would attract shipping lines that currently bypass Georgia altogether. The debate "
            "tends to turn on politics in Tbilisi and on which foreign investors are involved, "
            "questions that locals follow with weary familiarity.</p><p>For the drivers, the "
            "concerns are more immediate. An Azerbaijani driver hauling building materials from "
            "Türkiye says the slowest part of his journey is neither the mountain roads nor the "
            "sea crossing but the paperwork at each border. “Every country wants the same papers "
            "in a different order,” he says, laughing. As the evening queue forms again, the cafés "
            "switch on their neon signs and the cranes keep working under floodlights – a reminder "
            "that transit brings movement, but not necessarily prosperity, to the places it passes "
            "through.</p>"
        ),
        "bio": (
            "Levan Kiknadze is a Tbilisi-based fellow at the Kura Policy Lab and a non-resident "
            "fellow of the Northbridge Institute. He writes on Black Sea trade, ports and South "
            "Caucasus politics. He reported from Poti in early October."
        ),
        "tags": ["Georgia"],
        "read_count": 2870,
    },
    {
        "title": "News Digest: Power Tariffs, Caspian Feeders and a Wind Auction",
        "slug": "news-digest-power-tariffs-caspian-feeders-wind-auction",
        "section": "news-digest",
        "issue": date(2026, 10, 21),
        "authors": ["helena-varga"],
        "teaser": (
            "Uzbekistan moves ahead with energy tariff reform, Baku and Aktau get a scheduled "
            "container service, Georgia and Armenia test online border queues, and Kazakhstan "
            "opens a new wind auction."
        ),
        "background": "",
        "implications": "",
        "conclusions": "",
        "body": (
            "<p><strong>Tashkent, 8 October:</strong> Uzbekistan’s cabinet approved the next stage "
            "of its electricity and gas tariff reform, raising household prices for consumption "
            "above a social threshold from January. Officials said targeted support for low-income "
            "households would be widened and that the increase was needed to finance grid "
            "investment and cut network losses. Independent economists noted that earlier rounds "
            "had brought better metering but also complaints about winter supply interruptions.</p>"
            "<p><strong>Baku, 13 October:</strong> Azerbaijani and Kazakh shipping companies "
            "signed an agreement to set up a joint container feeder service across the Caspian, "
            "with two vessels to be deployed next year. The service is to run on a fixed weekly "
            "timetable between Baku and Aktau, a feature that freight forwarders have long "
            "requested as an alternative to sailings that depart only when a ship is full.</p>"
            "<p><strong>Tbilisi, 15 October:</strong> Georgian and Armenian customs authorities "
            "launched a shared electronic queue system for trucks at the main road crossing "
            "between the two countries, allowing drivers to book crossing slots in advance. "
            "Officials said the pilot would be reviewed after three months and, if successful, "
            "extended to the Georgian–Azerbaijani border.</p><p><strong>Astana, 17 "
            "October:</strong> Kazakhstan’s energy ministry opened an auction for new wind "
            "capacity in the south and west of the country, giving priority to projects that "
            "include battery storage. The ministry said grid constraints, rather than a lack of "
            "investor interest, had slowed previous rounds, and announced parallel tenders for "
            "transmission upgrades between the southern regions and the national grid.</p>"
            "<p><strong>Ashgabat, 19 October:</strong> Turkmenistan’s state gas company and a "
            "group of Gulf investors signed a memorandum on a gas-fired power plant near Mary, "
            "with part of the output intended for export to Afghanistan and Uzbekistan. No "
            "financing terms were disclosed, and officials said a feasibility study would be "
            "completed within a year.</p>"
        ),
        "bio": (
            "Compiled by Helena Varga. Helena Varga is lead energy analyst at the Caspian Energy "
            "Monitor. She covers gas markets, pipeline politics and the energy transition around "
            "the Caspian basin."
        ),
        "tags": ["Uzbekistan", "Kazakhstan", "Azerbaijan"],
        "read_count": 3320,
    },
    {
        "title": "Kazakhstan Rebuilds Its Reserve Forces",
        "slug": "kazakhstan-rebuilds-its-reserve-forces",
        "section": "analytical-articles",
        "issue": date(2026, 11, 4),
        "authors": ["thomas-whitcombe"],
        "teaser": (
            "Kazakhstan is reorganising its military reserve and localising parts of its "
            "procurement, a reform driven as much by lessons from recent wars as by a wish to "
            "reduce dependence on any single supplier."
        ),
        "background": (
            "<p>Kazakhstan’s armed forces have been under near-continuous review since the unrest "
            "of January 2022, when the authorities requested assistance through the Collective "
            "Security Treaty Organization and the performance of domestic security structures came "
            "under intense scrutiny. The first wave of changes concentrated on command "
            "arrangements and the internal security services. Over the past year, attention has "
            "shifted to two less visible areas: the reserve system and defence procurement. The "
            "changes have also been framed as professionalisation, with the share of contract "
            "soldiers rising and conscription increasingly used as a pathway to contract service "
            "rather than as the backbone of the force.</p><p>The reserve system inherited from the "
            "Soviet period assumed the mass mobilisation of former conscripts. In practice, "
            "records were outdated, reservists were rarely trained, and the equipment stockpiles "
            "on which mobilisation plans depended had aged badly. The war in Ukraine, followed "
            "closely by Kazakh planners, demonstrated both the enduring importance of trained "
            "reserves and the cost of mobilising them without preparation. The 2020 war over "
            "Karabakh provided a further lesson in how drones and precision munitions punish "
            "forces that lack air defence and dispersal discipline. Former conscripts were, in "
            "effect, listed rather than prepared, and few units had rehearsed the reception of "
            "reservists in recent years.</p><p>In response, the defence ministry has announced a "
            "territorial reserve structure organised around the regional commands, in which "
            "smaller numbers of reservists receive regular training and are assigned to specific "
            "units. A digital registry is replacing paper records held by local military offices. "
            "In parallel, the government has widened the mandate of its state defence-industrial "
            "holding to produce or assemble more equipment at home, including armoured vehicles, "
            "small drones and communications systems, frequently in partnership with firms from "
            "Türkiye, the Gulf and Europe. The stated aim is to raise the domestic share of "
            "procurement substantially by the end of the decade, although officials have avoided "
            "committing publicly to a precise figure.</p>"
        ),
        "implications": (
            "<p>The reserve reform is sound in conception but faces practical constraints. "
            "Training reservists requires instructors, ranges and budget lines that compete with "
            "the needs of the professional force. Employers, particularly in the private sector, "
            "are reluctant to release staff for training periods, and legal protection of "
            "reservists’ jobs remains weak. There is also a demographic dimension: Kazakhstan’s "
            "population is young and growing, but urbanisation and the emigration of skilled "
            "workers mean that the pool of suitable reservists is uneven across regions. Success "
            "will depend on whether the ministry concentrates resources on a smaller, well-trained "
            "reserve rather than reviving the mass model on paper. Regional commands will also "
            "have to integrate reservists with the emergency services, since the most likely "
            "near-term use of a territorial reserve is disaster response – as during the floods "
            "that struck northern and western Kazakhstan in 2024 – rather than combat.</p>"
            "<p>Localised procurement carries its own trade-offs. Diversifying suppliers reduces "
            "exposure to any single partner – historically Russia, which remains the dominant "
            "supplier and a treaty ally. But a portfolio of small licensed production lines can "
            "create interoperability and maintenance problems, and domestic production runs are "
            "often too short to be economical. Astana’s balancing approach, which preserves its "
            "membership of the Collective Security Treaty Organization and military-technical "
            "cooperation with Moscow while deepening ties with Ankara, Beijing and Western "
            "partners, is mirrored in procurement choices that prize flexibility over "
            "standardisation. Neighbours are watching: Uzbekistan has pursued a similar mix of "
            "localisation and diversification, and the two states have begun to discuss joint "
            "maintenance facilities.</p>"
        ),
        "conclusions": (
            "<p>Kazakhstan’s military reform is pragmatic rather than transformative. It reflects "
            "a sober reading of recent wars and a desire to reduce vulnerabilities without "
            "signalling a break with any partner. Nor does it alter the basic structure of "
            "Kazakhstan’s alignments, which continue to rest on close security ties with Russia "
            "complemented by a widening circle of partners.</p><p>The indicators to watch are "
            "budgetary: whether funding for reservist training survives the next budget cycle, and "
            "whether domestic production contracts are awarded on performance rather than "
            "connections. If both hold, Kazakhstan could end the decade with a smaller but more "
            "usable military, an outcome that matters beyond its borders given the country’s "
            "position between Russia, China and the rest of Central Asia. Transparency will matter "
            "too: publishing basic data on reservist numbers and procurement outcomes would allow "
            "parliament to exercise the oversight it has recently been encouraged to claim.</p>"
        ),
        "body": "",
        "bio": (
            "Thomas Whitcombe is a senior research fellow at the Aldermoor Centre for Security "
            "Studies, where he focuses on defence reform and military cooperation in the former "
            "Soviet south."
        ),
        "tags": ["Kazakhstan", "Russia"],
        "read_count": 2640,
    },
    {
        "title": "Turkmen Gas Looks West Again",
        "slug": "turkmen-gas-looks-west-again",
        "section": "analytical-articles",
        "issue": date(2026, 11, 4),
        "authors": ["helena-varga"],
        "teaser": (
            "Renewed talk of a trans-Caspian gas link reflects Europe’s search for supply and "
            "Ashgabat’s wish to depend less on China, but pricing, financing and Caspian legal "
            "questions remain unresolved."
        ),
        "background": (
            "<p>Turkmenistan holds some of the largest proven natural gas reserves in the world, "
            "yet for most of its independence it has relied on a narrow set of export routes. "
            "After sales to Russia collapsed at the end of the 2000s, the Central Asia–China "
            "pipeline became its dominant outlet, and China now buys the large majority of Turkmen "
            "gas exports. Smaller volumes move through Iran under swap arrangements that deliver "
            "gas to Azerbaijan, while the long-planned pipeline to Afghanistan, Pakistan and India "
            "has advanced only in sections. Dependence on a single buyer gives Beijing "
            "considerable leverage over pricing and has left Ashgabat exposed to swings in Chinese "
            "demand, as it discovered when purchases fell during the pandemic.</p><p>Europe’s "
            "effort to replace Russian pipeline gas has revived an old idea: a pipeline across the "
            "Caspian seabed linking Turkmenistan’s offshore and western fields to Azerbaijan’s "
            "Sangachal terminal, from where gas could travel through the Southern Gas Corridor to "
            "Türkiye and south-eastern Europe. Over the past year, technical meetings between "
            "Turkmen, Azerbaijani and European officials have discussed a phased approach, "
            "beginning with a relatively short interconnector to existing Azerbaijani offshore "
            "infrastructure rather than a large trunk line. Azerbaijan’s own fields face a "
            "production plateau, and spare capacity in its offshore infrastructure makes Turkmen "
            "volumes more attractive in Baku than they were a decade ago.</p><p>The 2018 "
            "Convention on the Legal Status of the Caspian Sea, signed by all five littoral "
            "states, permits subsea pipelines subject to the agreement of the states whose sectors "
            "they cross and to environmental requirements. Russia and Iran have in the past "
            "invoked environmental concerns to discourage such projects, and the convention’s "
            "implementing protocols remain incomplete. Turkmenistan and Azerbaijan removed another "
            "obstacle in 2021, when they agreed to develop jointly a field in the central Caspian "
            "whose ownership they had disputed for years.</p>"
        ),
        "implications": (
            "<p>The phased approach addresses some of the obstacles that stalled earlier "
            "proposals. A smaller interconnector needs less financing, could be built faster and "
            "would test commercial arrangements before larger commitments are made. It does not, "
            "however, resolve the central commercial question: who will buy the gas, at what price "
            "and under what contract length. European buyers, facing decarbonisation targets, are "
            "reluctant to sign the long-term take-or-pay contracts that upstream investors and "
            "Turkmenistan’s state gas company prefer. Ashgabat, for its part, has long resisted "
            "production-sharing agreements for onshore fields, limiting the involvement of the "
            "international companies best placed to finance development. A possible compromise "
            "would rely on gas from offshore blocks, where foreign companies already operate, "
            "rather than from the giant onshore fields in the east of the country. Financing is a "
            "further hurdle, since several lenders that once supported such infrastructure now "
            "restrict lending for new fossil-fuel projects.</p><p>For Azerbaijan, the project "
            "promises transit revenue and a stronger position as a regional energy hub, but it "
            "also requires expanding the capacity of the Southern Gas Corridor, which in turn "
            "depends on firm commitments from downstream buyers in Türkiye, Greece, Italy and the "
            "Balkans. The geopolitical stakes are evident. China has no interest in seeing Turkmen "
            "gas diverted, although its demand is large enough that a modest westward route would "
            "complement rather than replace Chinese purchases. Russia has fewer tools to obstruct "
            "the project than a decade ago, but it retains influence through the Caspian legal "
            "framework and its long-standing relationship with Ashgabat. Iran, which benefits from "
            "the swap arrangements, may also regard a direct pipeline as a threat to its modest "
            "role in Turkmen exports.</p>"
        ),
        "conclusions": (
            "<p>Trans-Caspian gas is more realistic today than at any point in the past two "
            "decades, chiefly because the proposals have become smaller and more modular. Yet it "
            "remains a project in search of a buyer, and a modular pipeline without contracted "
            "volumes is still only a drawing.</p><p>The most useful step for European governments "
            "would be to clarify what role gas is expected to play in their energy mix through the "
            "2040s and to consider mechanisms, such as joint purchasing or public guarantees, that "
            "could underwrite medium-term contracts. Without that clarity, Turkmenistan will keep "
            "looking east, and the westward route will remain a subject for conferences rather "
            "than construction. For Ashgabat, the corresponding step would be to offer investors "
            "terms that reflect international practice, including greater transparency about field "
            "data and payment flows.</p>"
        ),
        "body": "",
        "bio": (
            "Helena Varga is lead energy analyst at the Caspian Energy Monitor. She covers gas "
            "markets, pipeline politics and the energy transition around the Caspian basin."
        ),
        "tags": ["Turkmenistan", "Azerbaijan", "China"],
        "read_count": 3105,
    },
    {
        "title": "In Khujand, Migrants Look Beyond Moscow",
        "slug": "in-khujand-migrants-look-beyond-moscow",
        "section": "field-reports",
        "issue": date(2026, 11, 4),
        "authors": ["dilnoza-rakhimova"],
        "teaser": "",
        "background": "",
        "implications": "",
        "conclusions": "",
        "body": (
            "<p>At Khujand’s main bus station, the minibuses to the Uzbek border leave every "
            "twenty minutes, and the ticket sellers know most of the regulars by name. On a grey "
            "morning in late October, a group of young men in new jackets was waiting for a ride "
            "to Tashkent airport, where they would board flights not to Moscow, as their fathers "
            "had, but to Istanbul, Seoul and Vilnius.</p><p>Tajikistan remains one of the most "
            "remittance-dependent economies in the world, and for two decades the overwhelming "
            "majority of that money came from Russia. Tighter migration rules introduced after the "
            "attack on the Crocus City Hall near Moscow in March 2024, frequent document checks "
            "and reports of pressure on migrants to sign military contracts have made the journey "
            "north less attractive. Money-transfer agents in the city’s Panjshanbe market say the "
            "number of transfers from Russia has fallen this year, while those from Türkiye, South "
            "Korea and the European Union have increased, albeit from a low base.</p><p>The shift "
            "is not simple. Jobs in Korea or Europe require language skills, legal recruitment and "
            "upfront costs that many families cannot afford. Agencies advertising work abroad have "
            "multiplied on social media, and not all of them are legitimate. Gulnora, who teaches "
            "English at a private language centre near the university, says her evening classes "
            "are full of men in their twenties and thirties. “They learned Russian on the street "
            "in Moscow,” she says. “English they must learn here, from a textbook, and that is "
            "harder.”</p><p>Families who rely on remittances feel the uncertainty most. In a "
            "village outside the city, Bahodur, a construction worker who came back from "
            "Yekaterinburg in the spring, is building a greenhouse with his savings. He hopes to "
            "sell tomatoes to traders who take produce across the border into Uzbekistan, a trade "
            "that has grown since the two countries eased crossing procedures. “In Russia I was "
            "always looking over my shoulder,” he says. “Here the money is smaller, but I "
            "sleep.”</p><p>Officials like to publicise such stories, and the government has "
            "launched programmes offering returnees small loans and vocational training. But the "
            "scale of the challenge is large: every year tens of thousands of young Tajiks reach "
            "working age, and the domestic economy cannot absorb them all. Whether the "
            "diversification of destinations becomes a lasting trend or a temporary detour will "
            "depend as much on policies in Moscow, Ankara and Seoul as on decisions taken in "
            "Dushanbe.</p>"
        ),
        "bio": (
            "Dilnoza Rakhimova is research director at the Ferghana Valley Research Collective. "
            "She studies transboundary water governance and labour migration in Central Asia. She "
            "visited the Sughd region in October."
        ),
        "tags": ["Tajikistan", "Uzbekistan", "Russia"],
        "read_count": 1960,
    },
    {
        "title": "News Digest: Mountain Tunnels, Block Trains and Winter Power",
        "slug": "news-digest-mountain-tunnels-block-trains-winter-power",
        "section": "news-digest",
        "issue": date(2026, 11, 4),
        "authors": ["levan-kiknadze"],
        "teaser": (
            "Tunnelling contracts on the China–Kyrgyzstan–Uzbekistan railway, new rail freight "
            "targets for Azerbaijan and Georgia, a Tajik–Uzbek winter power deal and a trade fair "
            "in Ashgabat."
        ),
        "background": "",
        "implications": "",
        "conclusions": "",
        "body": (
            "<p><strong>Bishkek, 23 October:</strong> Kyrgyz officials said contracts had been "
            "signed for the first major tunnelling works on the China–Kyrgyzstan–Uzbekistan "
            "railway. The line is intended to provide a southern route from western China to "
            "Uzbekistan and onward to Afghanistan and Iran, but it crosses some of the most "
            "difficult terrain in the region, and officials cautioned that construction schedules "
            "would depend on the timely release of financing tranches.</p><p><strong>Tbilisi, 27 "
            "October:</strong> The Georgian and Azerbaijani railway operators announced a joint "
            "target to double the number of container block trains between Baku and the Georgian "
            "Black Sea ports next year. They said a common timetable and pre-arrival customs "
            "processing would be introduced from the spring, and that talks with Turkish "
            "counterparts on extending the service via the Kars line were under way.</p>"
            "<p><strong>Dushanbe, 29 October:</strong> Tajik and Uzbek energy officials agreed on "
            "a schedule of electricity exchanges for the winter months, under which Uzbekistan "
            "will supply power during peak demand and receive surplus hydropower in the summer. "
            "Both sides described the deal as a step towards restoring the regional power pool "
            "that functioned during the Soviet period.</p><p><strong>Ashgabat, 31 "
            "October:</strong> Turkmenistan hosted an international trade fair focused on "
            "transport and logistics, attended by companies from Türkiye, China, Iran and the "
            "Gulf. Officials presented plans to digitalise customs procedures at the Turkmenbashi "
            "seaport and on the border with Afghanistan, and invited bids for new warehouses along "
            "the railway to Iran.</p><p><strong>Yerevan, 2 November:</strong> Armenia’s government "
            "approved a programme to modernise the road from Yerevan to the Georgian border at "
            "Bavra, including a bypass around Gyumri and new rest areas for trucks. Officials said "
            "the works, financed partly by international lenders, would begin next spring and "
            "should shorten travel times for freight moving between the Black Sea ports and "
            "Armenia.</p>"
        ),
        "bio": (
            "Compiled by Levan Kiknadze. Levan Kiknadze is a Tbilisi-based fellow at the Kura "
            "Policy Lab and a non-resident fellow of the Northbridge Institute. He writes on Black "
            "Sea trade, ports and South Caucasus politics."
        ),
        "tags": ["Kyrgyzstan", "Georgia", "Turkmenistan"],
        "read_count": 2210,
    },
    {
        "title": "Armenia and Azerbaijan: From Initialled Text to Working Borders",
        "slug": "armenia-azerbaijan-from-initialled-text-to-working-borders",
        "section": "analytical-articles",
        "issue": date(2026, 11, 18),
        "authors": ["narine-avetisyan", "levan-kiknadze"],
        "teaser": (
            "The hardest part of the Armenia–Azerbaijan peace process may now be technical: "
            "delimiting the border, designing transit regimes and building the institutions that "
            "turn a treaty text into daily practice."
        ),
        "background": (
            "<p>The peace process between Armenia and Azerbaijan has moved further in the past "
            "three years than in the three decades before. After Azerbaijan restored control over "
            "Karabakh in September 2023 and the region’s Armenian population left for Armenia, the "
            "two governments shifted their negotiations from the status of the territory to the "
            "terms of a bilateral settlement. The text of a peace agreement was agreed and "
            "initialled in 2025, and both sides have publicly committed to mutual recognition of "
            "territorial integrity on the basis of the 1991 Alma-Ata Declaration. Signature and "
            "ratification, however, have been linked to further steps, including Azerbaijan’s "
            "demand for changes to the Armenian constitution, whose preamble it reads as "
            "containing territorial claims.</p><p>A treaty, however, does not by itself settle a "
            "border of roughly a thousand kilometres that has never been formally delimited. "
            "Bilateral commissions have met regularly since 2023 and agreed on a first section in "
            "the north, between Armenia’s Tavush province and Azerbaijan’s Gazakh district, in "
            "2024. That experience showed both the feasibility of the process and its social cost: "
            "villagers found that roads, pastures and irrigation channels crossed the new line, "
            "and protests in Armenia obliged the government to explain the process in more detail "
            "than it had planned. The commissions agreed to use Soviet-era maps as a reference, "
            "while acknowledging that these are often inconsistent with each other and with the "
            "situation on the ground.</p><p>Parallel talks concern the reopening of transport "
            "links closed since the early 1990s, above all a route connecting mainland Azerbaijan "
            "with its Nakhchivan exclave through Armenia’s southern Syunik province. The sides "
            "long differed over who would control and inspect traffic on this route. The formula "
            "now under discussion combines Armenian sovereignty and jurisdiction with a role for "
            "an international operator in building and running the infrastructure. The United "
            "States, the European Union and several neighbours have expressed interest in "
            "supporting the project, while Russia, whose border service was assigned oversight of "
            "transport links under the 2020 ceasefire statement, has seen its role diminish.</p>"
        ),
        "implications": (
            "<p>The next phase of delimitation will cover harder ground, including southern "
            "sections where Soviet-era maps conflict and areas around former enclaves whose status "
            "each side reads differently. Every agreed kilometre will need accompanying "
            "arrangements for residents: access to land, compensation and security guarantees. The "
            "Tavush experience suggests that governments which communicate early and compensate "
            "generously face less resistance. For Yerevan the sensitivity is acute, because "
            "critics present each concession as a precedent; for Baku the concern is less domestic "
            "opinion than ensuring that the legal basis of delimitation does not reopen questions "
            "it regards as settled. The presence of European Union monitors on the Armenian side "
            "of the border since 2023 has helped reduce incidents, but their mandate is limited "
            "and its future depends on the progress of the settlement itself.</p><p>Transit "
            "arrangements will test the capacity of both states to run shared procedures. Customs "
            "services, border guards, railway operators and insurers will need common standards, "
            "and disputes over inspections, tariffs and incidents are inevitable. Georgia, which "
            "has served as the main land link between Armenia and Azerbaijan’s neighbours and has "
            "hosted trilateral contacts on trade, has an interest in ensuring that new routes "
            "complement rather than compete with its own corridors. Türkiye’s normalisation with "
            "Armenia, long tied to the Armenian–Azerbaijani track, could accelerate once transit "
            "links open, adding an east–west dimension to an Armenian trade pattern that has "
            "depended on Georgia to the north and Iran to the south. Iran has repeatedly signalled "
            "opposition to any arrangement that could alter its border with Armenia or reduce its "
            "role as a transit country, and its concerns will shape how the southern route is "
            "designed and presented.</p>"
        ),
        "conclusions": (
            "<p>The peace process has reached the stage at which success will be measured less by "
            "summits than by mundane indicators: kilometres of agreed border, the number of trucks "
            "crossing each week, and the speed with which incidents at checkpoints are "
            "resolved.</p><p>International partners can be most useful by funding the technical "
            "machinery – mapping, demining, border infrastructure and the training of officials – "
            "and by supporting community-level measures in border villages on both sides. A "
            "settlement that holds in daily life will prove far more durable than one that exists "
            "mainly in diplomatic communiqués. Domestic politics will remain the principal risk: "
            "in both countries, leaders who have invested heavily in the process need visible "
            "benefits before critics succeed in portraying it as a one-sided concession.</p>"
        ),
        "body": "",
        "bio": (
            "Narine Avetisyan is an associate fellow at the Northbridge Institute for Eurasian "
            "Policy, based in Yerevan. Levan Kiknadze is a Tbilisi-based fellow at the Kura Policy "
            "Lab and a non-resident fellow of the Northbridge Institute."
        ),
        "tags": ["Armenia", "Azerbaijan", "Georgia"],
        "read_count": 1380,
    },
    {
        "title": "Kyrgyzstan’s Election Season Opens on Narrow Ground",
        "slug": "kyrgyzstan-election-season-opens-on-narrow-ground",
        "section": "analytical-articles",
        "issue": date(2026, 11, 18),
        "authors": ["arman-seitkali"],
        "teaser": (
            "Revised electoral rules, tighter media regulation and stricter party registration "
            "have narrowed the field ahead of Kyrgyzstan’s next presidential vote, raising "
            "questions about how the country will channel dissent."
        ),
        "background": (
            "<p>For many years Kyrgyzstan was the most politically competitive state in Central "
            "Asia. Presidents were removed by popular uprisings in 2005 and 2010, and the 2010 "
            "constitution created a parliamentary system in which coalitions formed and dissolved "
            "with regularity. That era ended after the disputed parliamentary elections of October "
            "2020, which triggered street protests, the resignation of the president and the rise "
            "of a new leadership that secured a referendum restoring a strong presidency in 2021. "
            "The new constitution reduced the size of parliament and strengthened presidential "
            "authority over the cabinet and the judiciary, a shift its supporters presented as a "
            "remedy for years of unstable coalitions.</p><p>Since then, power has consolidated "
            "steadily. The electoral code has been revised to reduce the number of parliamentary "
            "seats and tighten the rules on party registration and campaign finance. Legislation "
            "on false information and on foreign-funded non-governmental organisations has "
            "increased the legal risks for journalists and civil society groups, and several "
            "independent outlets have faced prosecution or closure. The authorities, for their "
            "part, point to strong economic growth, improved tax collection and the border treaty "
            "with Tajikistan signed in 2025 as evidence of effective government. The takeover of "
            "the Kumtor gold mine, settled with its former Canadian operator in 2022, became a "
            "symbol of the leadership’s assertive approach to economic sovereignty and a "
            "significant source of budget revenue.</p><p>With the presidential election "
            "approaching, the question is not primarily who will win. The incumbent leadership "
            "faces no rival with comparable resources. What matters is what the campaign reveals "
            "about the internal balance of the ruling group and its tolerance of dissent. "
            "Succession, long a source of instability in Kyrgyz politics, is also more visible "
            "than in earlier cycles, as observers watch the relative standing of the security "
            "services and the presidential administration.</p>"
        ),
        "implications": (
            "<p>Three features of the pre-election environment deserve attention. The first is "
            "candidate registration: signature requirements and language tests have historically "
            "been used to filter candidates, and the way they are applied will show whether the "
            "authorities want a contest that appears pluralistic or one that is merely orderly. "
            "The second is the role of regional networks. Kyrgyz politics has long been shaped by "
            "north–south divisions and local patrons, and consolidation at the centre has absorbed "
            "these networks rather than eliminated them; how they are rewarded will affect "
            "stability after the vote. The third is the media environment. With independent "
            "outlets weakened, online platforms and messaging channels have become the main arena "
            "for critical voices, and the government’s handling of them will be an early signal of "
            "post-election policy.</p><p>Kyrgyzstan’s external partners have limited leverage and "
            "little appetite to use it. Russia values stability and cooperation on security and "
            "migration; China’s priority is the security of its investments and progress on the "
            "railway to Uzbekistan; Western governments weigh concerns about civil liberties "
            "against their interest in Kyrgyz compliance with restrictions on re-exports to "
            "Russia. Trade with Russia, including re-exports and the remittances of hundreds of "
            "thousands of migrants, has supported growth but has also exposed Kyrgyz banks and "
            "firms to the risk of secondary sanctions, a vulnerability that the next "
            "administration will inherit regardless of the result. Election observation will offer "
            "a further test: the authorities’ readiness to accept a full mission from the "
            "Organization for Security and Co-operation in Europe, and the tone of its findings, "
            "will be read in Western capitals as an indicator of the country’s direction.</p>"
        ),
        "conclusions": (
            "<p>The coming election is unlikely to produce surprises at the ballot box. Its "
            "significance lies in what it confirms about the trajectory of Kyrgyz politics: from a "
            "volatile but competitive system towards a consolidated one that prizes order. Turnout "
            "may prove the more telling figure, since low participation would suggest that many "
            "voters see little at stake in a contest whose outcome is widely assumed.</p><p>The "
            "durability of that model will depend on two things. The first is whether it can "
            "deliver economic gains widely enough to compensate for a narrower political space. "
            "The second is whether it preserves channels – in parliament, local councils and the "
            "media – through which grievances can be voiced without spilling onto the streets, as "
            "they did three times in fifteen years. Kyrgyzstan’s own history suggests that "
            "stability built on the absence of such channels can be less secure than it "
            "appears.</p>"
        ),
        "body": "",
        "bio": (
            "Arman Seitkali is a senior fellow at the Northbridge Institute for Eurasian Policy, "
            "where he works on transport corridors and the political economy of Central Asia. He "
            "previously advised a regional development bank on trade facilitation."
        ),
        "tags": ["Kyrgyzstan"],
        "read_count": 1045,
    },
    {
        "title": "In Meghri, a Border Town Plans for Several Futures",
        "slug": "in-meghri-a-border-town-plans-for-several-futures",
        "section": "field-reports",
        "issue": date(2026, 11, 18),
        "authors": ["narine-avetisyan"],
        "teaser": (
            "In Armenia’s far south, residents of Meghri weigh the promise of reopened transit "
            "routes against memories of closure and conflict."
        ),
        "background": "",
        "implications": "",
        "conclusions": "",
        "body": (
            "<p>The road to Meghri descends through a long series of hairpin bends from the "
            "Tashtun pass, and the first thing a visitor notices at the bottom is the warmth: even "
            "in November, the pomegranate and fig orchards along the Araks are still green. Across "
            "the river lies Iran. A few kilometres downstream, the valley narrows into a strip of "
            "land that for three decades has been among the most sensitive in the South "
            "Caucasus.</p><p>Meghri’s residents have heard many plans for their town. The railway "
            "that once ran along the Araks, linking Nakhchivan with mainland Azerbaijan and onward "
            "to Russia and Iran, fell silent when the conflict over Karabakh broke out at the end "
            "of the Soviet period; its rusting bridges and empty stations are still visible from "
            "the highway. Now, as negotiators discuss restoring transit links through Syunik, the "
            "town finds itself at the centre of a debate about whether reopened routes will bring "
            "traffic, jobs and security – or a new source of vulnerability.</p><p>Opinions in the "
            "cafés on the main square often divide along generational lines. Older residents "
            "remember a railway town with a station, a cannery and regular trains. “We were "
            "connected to everything,” says Ashot, a retired engineer who worked on the line in "
            "the 1980s. Younger residents, who grew up with the border closed and the front line a "
            "few hours’ drive away, are more cautious. Many ask what role foreign operators will "
            "play and who will control the route. Local officials repeat the government’s position "
            "that it will remain under Armenian sovereignty and jurisdiction, while conceding that "
            "the details are still being negotiated.</p><p>Trade with Iran already shapes daily "
            "life. Trucks carrying Iranian fruit, building materials and fuel cross at Agarak, a "
            "few kilometres to the west, and several families run small warehouses and repair "
            "shops serving the drivers. A reopened east–west route would add a second axis. Some "
            "business owners see openings in logistics and hospitality; others fear that Meghri "
            "will become a place traffic passes through rather than stops in, as has happened to "
            "towns along the country’s north–south highway.</p><p>For now, the most tangible "
            "change is in the orchards. Farmers report that buyers from Yerevan are paying more "
            "for pomegranates and persimmons, and a local cooperative is seeking funds for a "
            "cold-storage facility. “Whatever the politicians decide, the fruit has to reach the "
            "market,” says its chair. It is a pragmatic view, and a common one in a town that has "
            "learned to plan for several futures at once.</p>"
        ),
        "bio": (
            "Narine Avetisyan is an associate fellow at the Northbridge Institute for Eurasian "
            "Policy, based in Yerevan. Her research covers Armenian politics, border regions and "
            "the Armenia–Azerbaijan peace process. She travelled to Syunik in November."
        ),
        "tags": ["Armenia", "Iran", "Azerbaijan"],
        "read_count": 820,
    },
    {
        "title": "News Digest: Defence Budgets, Caspian Drills and Border Outposts",
        "slug": "news-digest-defence-budgets-caspian-drills-border-outposts",
        "section": "news-digest",
        "issue": date(2026, 11, 18),
        "authors": ["thomas-whitcombe"],
        "teaser": (
            "Kazakhstan raises defence spending, Uzbek and Kazakh planners deepen cooperation, "
            "Caspian states rehearse a maritime rescue and Tajikistan opens new posts on the "
            "Afghan border."
        ),
        "background": "",
        "implications": "",
        "conclusions": "",
        "body": (
            "<p><strong>Astana, 5 November:</strong> The lower house of Kazakhstan’s parliament "
            "approved the draft budget for 2027–2029, including a rise in defence spending "
            "concentrated on air defence, secure communications and reservist training. Deputies "
            "asked the defence ministry to report annually on the share of equipment purchased "
            "from domestic producers. The increase follows two years in which defence outlays grew "
            "more slowly than the budget as a whole.</p><p><strong>Baku, 10 November:</strong> "
            "Naval and coast-guard units from Azerbaijan and Kazakhstan held a joint "
            "search-and-rescue exercise in the central Caspian, simulating a fire aboard a "
            "container feeder. Observers from Turkmenistan attended. Officials said rising ferry "
            "and feeder traffic had made coordinated emergency procedures a priority.</p>"
            "<p><strong>Tashkent, 12 November:</strong> The Uzbek and Kazakh defence ministries "
            "held staff talks on joint exercises, military education and the maintenance of "
            "equipment used by both armies. They agreed to expand exchanges of cadets and to study "
            "a shared repair facility for helicopters and armoured vehicles.</p>"
            "<p><strong>Tbilisi, 16 November:</strong> Georgia hosted a regional conference on "
            "civil defence and disaster response, attended by officials from Armenia, Azerbaijan "
            "and several Central Asian states. Participants discussed early-warning systems for "
            "earthquakes and floods and agreed to exchange training curricula for emergency "
            "staff.</p><p><strong>Dushanbe, 14 November:</strong> Tajik border officials opened "
            "three new outposts on the frontier with Afghanistan in the Khatlon region, built with "
            "funding from international partners. Officials said the posts would improve "
            "surveillance of river crossings used by smugglers, and that further sites in "
            "Gorno-Badakhshan were planned for next year. The Collective Security Treaty "
            "Organization has separately approved a programme of assistance for strengthening the "
            "Tajik–Afghan frontier.</p>"
        ),
        "bio": (
            "Compiled by Thomas Whitcombe. Thomas Whitcombe is a senior research fellow at the "
            "Aldermoor Centre for Security Studies, where he focuses on defence reform and "
            "military cooperation in the former Soviet south."
        ),
        "tags": ["Kazakhstan", "Uzbekistan", "Tajikistan"],
        "read_count": 610,
    },
]

STAFF_PUBLICATIONS = [
    {
        "kind": "silk-road-paper",
        "authors": "A. Seitkali",
        "title": "Through-Rates and Train Paths: Governing the Trans-Caspian Route",
        "outlet": "Silk Road Papers, Northbridge Institute for Eurasian Policy",
        "date": date(2026, 9, 15),
        "url": "https://example.org/northbridge/silk-road-papers/through-rates-and-train-paths",
    },
    {
        "kind": "analysis",
        "authors": "D. Rakhimova",
        "title": "Data Before Dams: Information Sharing on the Syr Darya",
        "outlet": "Ferghana Valley Research Collective",
        "date": date(2026, 10, 8),
        "url": "https://example.org/fvrc/analysis/data-before-dams",
    },
    {
        "kind": "op-ed",
        "authors": "H. Varga",
        "title": "Europe Must Decide What It Wants from Caspian Gas",
        "outlet": "The Continental Ledger",
        "date": date(2026, 11, 10),
        "url": "https://example.org/continental-ledger/opinion/europe-caspian-gas",
    },
    {
        "kind": "book",
        "authors": "T. Whitcombe and N. Avetisyan",
        "title": "Small Armies, Long Borders: Defence Reform in the Post-Soviet South",
        "outlet": "Harrow and Lyme Academic",
        "date": date(2026, 6, 1),
        "url": "https://example.org/harrow-lyme/books/small-armies-long-borders",
    },
    {
        "kind": "policy-brief",
        "authors": "L. Kiknadze",
        "title": "Black Sea Ports and the Limits of Transit Growth",
        "outlet": "Kura Policy Lab",
        "date": date(2026, 10, 28),
        "url": "https://example.org/kura-policy-lab/briefs/black-sea-ports-transit-growth",
    },
]

PARTNER_SITES = [
    {
        "name": "Ferghana Valley Research Collective",
        "short_name": "FVRC",
        "url": "https://example.org/fvrc",
        "colour": "#2e6b3a",
    },
    {
        "name": "Kura Policy Lab",
        "short_name": "KPL",
        "url": "https://example.org/kura-policy-lab",
        "colour": "#8e3b46",
    },
    {
        "name": "Caspian Energy Monitor",
        "short_name": "CEM",
        "url": "https://example.org/caspian-energy-monitor",
        "colour": "#b5651d",
    },
    {
        "name": "Aldermoor Centre for Security Studies",
        "short_name": "ACSS",
        "url": "https://example.org/aldermoor",
        "colour": "#1f4e79",
    },
]

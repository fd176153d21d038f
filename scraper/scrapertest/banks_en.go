package scrapertest

// The English sentence banks. Every text here was written for this package;
// names of people, towns and organisations are invented.
//
// Placeholders, filled in per article:
//
//	{name}   the article's invented proper noun, unique on the site
//	{noun}   the article's subject noun ("observatory")
//	{phrase} the article's distinctive phrase ("Velmarost tidal observatory")
//	{person} {person2} people quoted in the story
//	{city} {city2} towns
//	{num} {num2} numbers, {pct} a percentage, {year} a year, {month} a month

// section is one section of the site and the words its stories use.
type section struct {
	Slug  string
	Name  string
	Tags  []string
	Nouns [][2]string // {adjective, noun}: the phrase is "{name} {adjective} {noun}"
	// Titles are headline templates; they use {name} and {noun} but never
	// {phrase}, so that the phrase stays in the body only.
	Titles    []string
	Sentences []string
}

var enSections = []section{
	{
		Slug: "world", Name: "World",
		Tags: []string{"diplomacy", "migration", "climate", "trade", "conflict"},
		Nouns: [][2]string{
			{"border", "crossing"}, {"coastal", "treaty"}, {"river", "accord"}, {"refugee", "corridor"},
			{"grain", "convoy"}, {"peace", "summit"}, {"ferry", "agreement"}, {"mountain", "pass"},
		},
		Titles: []string{
			"{name} {noun} reopens after months of talks",
			"Neighbours clash over the future of the {name} {noun}",
			"What the {name} {noun} means for the region",
			"Aid groups warn of delays at the {name} {noun}",
			"Envoys reach a fragile deal on the {name} {noun}",
		},
		Sentences: []string{
			"Delegations from {city} and {city2} met behind closed doors for most of the week.",
			"Diplomats described the atmosphere as tense but workable, with neither side willing to walk away.",
			"Aid workers said {num} lorries were still waiting for clearance on Tuesday evening.",
			"The foreign ministry in {city} issued a short statement welcoming what it called a first step.",
			"Local traders say the uncertainty has already cost them a season's income.",
			"The dispute dates back to a boundary survey carried out in {year}.",
			"Observers from three neighbouring states have been invited to monitor the arrangement.",
			"Families on both sides of the valley have been separated for much of the past decade.",
			"Fishing crews reported that patrol boats had kept them in harbour for {num2} days.",
			"{person}, a regional envoy, said the text would be published once both parliaments had seen it.",
			"Satellite images reviewed by analysts show new construction close to the disputed line.",
			"The agreement still needs the approval of a committee that has rejected two earlier drafts.",
			"Prices for flour and cooking oil in {city} have risen by {pct} per cent since the spring.",
			"Villagers gathered in the main square to hear the news read out over a loudspeaker.",
			"A spokesperson for the regional assembly declined to comment on the timetable.",
		},
	},
	{
		Slug: "politics", Name: "Politics",
		Tags: []string{"elections", "parliament", "budget", "housing", "local-government"},
		Nouns: [][2]string{
			{"housing", "bill"}, {"transport", "levy"}, {"budget", "committee"}, {"electoral", "reform"},
			{"water", "charter"}, {"pension", "review"}, {"rent", "ordinance"}, {"school", "funding"},
		},
		Titles: []string{
			"Council splits over the {name} {noun}",
			"Opposition vows to block the {name} {noun}",
			"Inside the late-night deal that saved the {name} {noun}",
			"Voters in {city} give their verdict on the {name} {noun}",
			"Ministers retreat on the {name} {noun} after backlash",
		},
		Sentences: []string{
			"The vote passed by {num} to {num2} after a debate that ran well past midnight.",
			"{person}, who chairs the finance committee, called the outcome a compromise nobody loved.",
			"Opposition members walked out of the chamber before the final reading.",
			"Campaigners gathered outside the town hall in {city} holding hand-painted banners.",
			"The measure would cost an estimated {num} million over the next five years.",
			"Several backbenchers said privately that they had been given too little time to read the amendments.",
			"Polling carried out last month suggested that {pct} per cent of residents supported the plan.",
			"The mayor of {city2} said her office had not been consulted on the final text.",
			"Officials insist the changes will not affect existing tenants.",
			"A legal challenge is already being prepared by a coalition of residents' associations.",
			"The governing party has lost three by-elections since the proposal was first announced.",
			"Critics argue that the timetable leaves councils with no room to adapt.",
			"Committee papers show that the original draft was rewritten at least four times.",
			"{person2} said the party would campaign to repeal the law if it won the next election.",
			"Turnout in the district has fallen steadily since {year}.",
		},
	},
	{
		Slug: "science", Name: "Science",
		Tags: []string{"space", "climate", "health", "oceans", "research"},
		Nouns: [][2]string{
			{"tidal", "observatory"}, {"deep-sea", "survey"}, {"radio", "telescope"}, {"glacier", "station"},
			{"vaccine", "trial"}, {"seed", "vault"}, {"coral", "nursery"}, {"particle", "detector"},
		},
		Titles: []string{
			"{name} {noun} records unexpected readings",
			"Scientists puzzle over data from the {name} {noun}",
			"The {name} {noun} gets a second life",
			"Funding cut threatens the {name} {noun}",
			"How the {name} {noun} could change what we know",
		},
		Sentences: []string{
			"The team collected {num} samples over a period of {num2} weeks.",
			"{person}, who led the analysis, said the results surprised even the most optimistic members of the group.",
			"The findings have been submitted to a peer-reviewed journal and are expected to appear later this year.",
			"Instruments were lowered to a depth of {num} metres using a cable winch built in the station's workshop.",
			"Independent researchers cautioned that the sample was small and the results preliminary.",
			"Temperatures at the site have risen by {pct} per cent of a degree each decade since records began.",
			"The equipment had been running almost without interruption since {year}.",
			"Students from the university in {city} spent their summer cataloguing the measurements by hand.",
			"Similar patterns have been reported near {city2}, though on a much smaller scale.",
			"The researchers plan to repeat the experiment next winter with more sensitive equipment.",
			"Each measurement is checked against a reference taken at the same hour the previous day.",
			"Funding for the programme runs until the end of next year, after which its future is uncertain.",
			"{person2} described the data set as one of the most complete of its kind.",
			"The raw data will be made public once the quality checks are complete.",
			"A software fault in {month} briefly corrupted part of the record, the team said.",
		},
	},
	{
		Slug: "culture", Name: "Culture",
		Tags: []string{"music", "film", "books", "art", "theatre"},
		Nouns: [][2]string{
			{"lantern", "festival"}, {"string", "quartet"}, {"puppet", "theatre"}, {"poetry", "prize"},
			{"film", "archive"}, {"mural", "project"}, {"choir", "competition"}, {"print", "workshop"},
		},
		Titles: []string{
			"The {name} {noun} returns with a bolder programme",
			"Behind the scenes at the {name} {noun}",
			"Why everyone in {city} is talking about the {name} {noun}",
			"The {name} {noun} celebrates a quiet anniversary",
			"A new director for the {name} {noun}",
		},
		Sentences: []string{
			"The opening night drew a crowd of more than {num} people despite the rain.",
			"{person}, the artistic director, has spent two years rebuilding the programme from scratch.",
			"Tickets for the closing weekend sold out within an hour of going on sale.",
			"Much of the work on show was made by artists who live within walking distance of the venue.",
			"Critics have praised the decision to keep prices low for students and pensioners.",
			"The building itself, a former textile warehouse, was saved from demolition in {year}.",
			"Volunteers from {city} stitched the costumes by hand over the winter.",
			"A touring version is planned for {city2} next spring.",
			"Rehearsals took place in a school gym because the main hall was still being repaired.",
			"The programme mixes well-known pieces with work by composers who have never been performed locally.",
			"{person2} said audiences had become younger and more adventurous over the past few seasons.",
			"Admission to the afternoon events remains free.",
			"The organisers received {num2} applications for just twelve places.",
			"Several pieces were written specifically for the acoustics of the old warehouse.",
			"Local cafes have extended their opening hours for the duration of the event.",
		},
	},
	{
		Slug: "sport", Name: "Sport",
		Tags: []string{"football", "cycling", "athletics", "tennis", "rowing"},
		Nouns: [][2]string{
			{"harbour", "marathon"}, {"hill", "climb"}, {"rowing", "regatta"}, {"youth", "league"},
			{"cup", "final"}, {"relay", "team"}, {"summer", "tournament"}, {"stadium", "project"},
		},
		Titles: []string{
			"Late drama at the {name} {noun}",
			"Underdogs steal the show at the {name} {noun}",
			"The {name} {noun} faces an uncertain future",
			"Record crowd turns out for the {name} {noun}",
			"Five things we learned from the {name} {noun}",
		},
		Sentences: []string{
			"The winning margin was just {num2} seconds after more than two hours of racing.",
			"{person}, the head coach, said the squad had trained twice a day for most of the winter.",
			"Supporters from {city} made the long journey despite the early start.",
			"The favourite pulled out on the morning of the race with a calf injury.",
			"Conditions were difficult, with a strong crosswind along the exposed final stretch.",
			"Organisers said {num} athletes had registered, the highest number since {year}.",
			"The home side had not won a trophy in more than a decade.",
			"A crowd of several thousand lined the route, many of them waving homemade flags.",
			"{person2} crossed the line first but was later penalised for an early start.",
			"The club's youth academy has produced four of the current starting line-up.",
			"The referee's decision to award a late penalty was debated long after the final whistle.",
			"Ticket prices have been frozen for a third consecutive season.",
			"Rain delayed the start by almost an hour.",
			"The team from {city2} led for most of the afternoon before fading in the closing stages.",
			"Officials confirmed that the course would be extended next year.",
		},
	},
	{
		Slug: "business", Name: "Business",
		Tags: []string{"energy", "markets", "startups", "jobs", "transport"},
		Nouns: [][2]string{
			{"solar", "cooperative"}, {"freight", "terminal"}, {"battery", "plant"}, {"textile", "mill"},
			{"cargo", "airline"}, {"fishing", "fleet"}, {"software", "startup"}, {"rail", "operator"},
		},
		Titles: []string{
			"{name} {noun} announces expansion",
			"Jobs at risk as the {name} {noun} reviews its plans",
			"Investors bet on the {name} {noun}",
			"The {name} {noun} posts its first profit",
			"Workers at the {name} {noun} vote to strike",
		},
		Sentences: []string{
			"The company employs about {num} people, most of them in and around {city}.",
			"Revenue rose by {pct} per cent in the last financial year, according to its annual report.",
			"{person}, the chief executive, said the decision had not been taken lightly.",
			"Union representatives are due to meet management again next week.",
			"Analysts said the move reflected rising energy costs across the sector.",
			"The site opened in {year} on land that once belonged to a brickworks.",
			"Suppliers in {city2} have been told to expect smaller orders for the rest of the year.",
			"The board approved an investment of {num2} million at a meeting on Thursday.",
			"Shares in the parent group closed slightly higher after the announcement.",
			"Customers have been promised that prices will not rise before the end of {month}.",
			"{person2}, who has worked on the production line for eighteen years, said morale was low.",
			"A regional development fund is expected to cover part of the cost.",
			"The firm said it would keep its headquarters in the town for the foreseeable future.",
			"Orders from abroad now make up almost half of its sales.",
			"Competitors have announced similar plans in recent months.",
		},
	},
}

// enGeneric sentences fit any section.
var enGeneric = []string{
	"Residents said they first heard about the plans through a post on a neighbourhood forum.",
	"A public meeting is scheduled for later this month.",
	"The announcement came on a grey morning, shortly after nine o'clock.",
	"Not everyone is convinced.",
	"The details are expected to be set out in a report due before the summer.",
	"{person} said the next few months would be decisive.",
	"Similar efforts elsewhere have had mixed results.",
	"The figures have not been independently verified.",
	"Those involved say the hardest part is still ahead.",
	"A spokesperson said more information would be shared once it was available.",
	"The story has been followed closely in {city}, where many of those involved grew up.",
	"For now, daily life carries on much as before.",
	"Some of those we spoke to asked not to be named.",
	"The original plan, drawn up in {year}, was considerably more modest.",
	"Local radio stations have devoted hours of airtime to the debate.",
	"Questions remain about who will pay for the work in the long term.",
	"The next update is expected in {month}.",
	"Older residents remember a similar dispute a generation ago.",
	"In a letter sent to members, organisers apologised for the delay.",
	"It is the first time such a step has been taken in the region.",
	"Several people at the meeting said they had only learned of the proposal the night before.",
	"The council's own figures tell a more complicated story.",
	"By late afternoon, a small crowd had gathered outside the offices.",
	"Neighbouring towns are watching closely to see what happens next.",
	"A full transcript of the session was published the following morning.",
}

// enLedes open the first paragraph (and become the description).
var enLedes = []string{
	"For the past year the {name} {noun} has rarely been out of the headlines in {city}.",
	"The future of the {name} {noun} was thrown into doubt this week.",
	"It has taken almost a decade, but the {name} {noun} is finally taking shape.",
	"Few projects in {city} have divided opinion quite like the {name} {noun}.",
	"The {name} {noun} was back in the spotlight on Monday.",
	"Nobody in {city} expected the {name} {noun} to make the news this week.",
}

// enPhraseSentences introduce the article's distinctive phrase.
var enPhraseSentences = []string{
	"Staff at the {phrase} said the decision came after months of preparation.",
	"The {phrase} has become a familiar sight for anyone travelling through {city}.",
	"Few people outside the region had heard of the {phrase} until this year.",
	"Records kept by the {phrase} go back more than {num2} years.",
	"Supporters of the {phrase} gathered on Saturday to mark the occasion.",
	"According to its own figures, the {phrase} handled more cases this year than ever before.",
}

// enQuotes are block quotes.
var enQuotes = []string{
	"We knew it would not be easy, but nobody expected it to take this long.",
	"This is a small town, and everybody here knows somebody who is affected.",
	"If we do nothing now, we will be having the same conversation in ten years.",
	"The numbers speak for themselves, and they are not pretty.",
	"People have been patient, and they deserve a straight answer.",
	"We are not asking for miracles, only for a plan that adds up.",
}

// enHeadings are in-body subheadings.
var enHeadings = []string{
	"What happens next", "A long road", "The numbers behind it", "Mixed reactions",
	"How it started", "Looking ahead", "The view from {city}", "A question of money",
}

// enListItems are items of in-body lists.
var enListItems = []string{
	"{num} people directly affected",
	"A decision expected by {month}",
	"Costs estimated at {num2} million",
	"Talks resume in {city}",
	"A public consultation open until the end of the year",
	"An independent review promised for {year}",
	"Support from {pct} per cent of those surveyed",
	"Two earlier proposals rejected",
}

// enComments are reader comments (boilerplate, never article text).
var enComments = []string{
	"Finally some proper reporting on this. Thank you.",
	"I live two streets away and nobody asked us anything.",
	"Same story every year. Nothing will change.",
	"Does anyone know whether the meeting will be streamed?",
	"Great photos, shame about the weather!",
	"My grandfather used to work there, brings back memories.",
}

// authors of the news site: name and bio (the bio box is boilerplate).
var enAuthors = []struct{ Name, Bio string }{
	{"Mara Lindqvist", "Mara Lindqvist covers diplomacy and the northern provinces. She joined the paper in 2015."},
	{"Tomas Okafor", "Tomas Okafor is our political correspondent, based in the capital."},
	{"Helena Brandt", "Helena Brandt writes about science and the environment."},
	{"Joaquin Ferreira", "Joaquin Ferreira is a culture writer and former music teacher."},
	{"Priya Castellane", "Priya Castellane covers sport, from grassroots clubs to the national teams."},
	{"Owen Marchetti", "Owen Marchetti is our business editor."},
	{"Ingrid Solberg", "Ingrid Solberg reports on housing, transport and local government."},
	{"Daniel Achterberg", "Daniel Achterberg is a data journalist."},
	{"Amara Nwosu", "Amara Nwosu covers health and research."},
	{"Felix Dumont", "Felix Dumont is a foreign correspondent."},
	{"Lucia Varga", "Lucia Varga writes about books, film and the arts."},
	{"Rafael Moreau", "Rafael Moreau covers energy and industry."},
}

// People quoted in stories.
var enPeople = []string{
	"Agnes Hollander", "Bruno Castellanos", "Carla Wetherby", "Dmitri Halvorsen", "Elena Marsh",
	"Farid Okonjo", "Greta Villanueva", "Hugo Penrose", "Irene Kowalczyk", "Jonas Albrecht",
	"Katya Dunmore", "Leon Abernathy", "Mirela Stanic", "Nils Oyelaran", "Olga Fairweather",
	"Paulo Lindgren", "Rosa Quimby", "Stefan Arkwright", "Tereza Mbeki", "Viktor Ashdown",
}

// Invented towns.
var towns = []string{
	"Harrowgate", "Port Ellis", "Karsvik", "Nova Leira", "Mirenholm", "Castel Aubin", "Ostervald",
	"Bramblecote", "Saint-Orvin", "Taliskor", "Windermoss", "Ardenvale", "Kessling", "Lowen Bay",
}

var months = []string{
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
}

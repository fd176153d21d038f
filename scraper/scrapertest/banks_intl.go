package scrapertest

// French and German banks, written for this package. They use only
// characters that ISO-8859-1 can encode (no curly quotes, no "oe"
// ligature, no em dash), because some of these articles are served in
// that charset.

// langBank is a sentence bank for a language other than English.
type langBank struct {
	Lang      string
	Nouns     [][2]string // {noun, adjective}
	Phrase    string      // how the phrase is built from {noun}, {adj} and {name}
	Titles    []string
	Ledes     []string // open the first paragraph
	Sentences []string
	PhraseIn  []string // sentences that carry {phrase}
	Headings  []string
	Quotes    []string
	Months    []string
	Byline    string // "Par" / "Von"
	And       string
}

var frBank = langBank{
	Lang: "fr",
	Nouns: [][2]string{
		{"musée", "maritime"}, {"chantier", "naval"}, {"marché", "couvert"}, {"centre", "culturel"},
		{"port", "fluvial"}, {"festival", "estival"}, {"projet", "solaire"}, {"tribunal", "administratif"},
	},
	Phrase: "{noun} {adj} de {name}",
	Titles: []string{
		"{name} : le {noun} rouvre ses portes après deux ans de travaux",
		"À {name}, le {noun} divise les habitants",
		"Le {noun} de {name} cherche un second souffle",
		"Ce que l'on sait du {noun} de {name}",
	},
	Ledes: []string{
		"Le {noun} de {name} fait de nouveau parler de lui.",
		"Depuis des mois, le {noun} de {name} alimente les discussions à {city}.",
		"Personne à {city} ne s'attendait à voir le {noun} de {name} faire la une cette semaine.",
	},
	Sentences: []string{
		"Les travaux ont duré plus longtemps que prévu, en raison d'un hiver particulièrement rigoureux.",
		"{person}, adjointe au maire, assure que le budget a été respecté.",
		"Près de {num} personnes se sont déplacées pour l'inauguration, malgré la pluie.",
		"Les commerçants du quartier espèrent une hausse de la fréquentation dès cet été.",
		"Une réunion publique est prévue à la salle des fêtes de {city} le mois prochain.",
		"Le chantier a mobilisé une quarantaine d'entreprises de la région.",
		"Certains riverains regrettent toutefois le manque de concertation.",
		"La première pierre avait été posée en {year}, sous une autre municipalité.",
		"Les élèves des écoles voisines ont été invités à une visite gratuite.",
		"Le département a financé environ {pct} % de l'opération.",
		"L'accès restera gratuit le premier dimanche de chaque mois.",
		"Des bénévoles ont recensé plus de {num2} objets anciens dans les réserves.",
		"La décision a été votée à l'unanimité par le conseil municipal.",
		"{person2}, historien local, rappelle que le bâtiment date du dix-neuvième siècle.",
		"Les horaires d'ouverture seront élargis pendant les vacances scolaires.",
		"Une exposition temporaire consacrée aux métiers du fleuve ouvrira à l'automne.",
		"Le stationnement reste le principal sujet de mécontentement.",
		"Les associations sportives pourront utiliser la grande salle le week-end.",
		"Selon la préfecture, aucun incident n'a été signalé.",
		"Le projet a reçu le soutien d'un fonds européen de développement régional.",
	},
	PhraseIn: []string{
		"Le {phrase} accueillera ses premiers visiteurs dès samedi.",
		"Les responsables du {phrase} évoquent une année décisive.",
		"Pour beaucoup d'habitants, le {phrase} est devenu un symbole de la ville.",
	},
	Headings: []string{"Un budget maîtrisé", "Et maintenant ?", "Des réactions contrastées", "Un peu d'histoire"},
	Quotes: []string{
		"Nous avons attendu ce moment pendant des années, et le résultat est à la hauteur.",
		"Il faut maintenant que les habitants s'approprient le lieu.",
	},
	Months: []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	Byline: "Par", And: "et",
}

var deBank = langBank{
	Lang: "de",
	Nouns: [][2]string{
		{"Bibliothek", "städtische"}, {"Sternwarte", "alte"}, {"Fähre", "neue"}, {"Brücke", "marode"},
		{"Genossenschaft", "grüne"}, {"Werft", "traditionsreiche"}, {"Messe", "größte"}, {"Schule", "kleine"},
	},
	Phrase: "{adj} {noun} von {name}",
	Titles: []string{
		"{name}: Streit um die {noun} geht weiter",
		"Die {noun} in {name} bekommt eine zweite Chance",
		"Was die {noun} für {name} bedeutet",
		"Neue Pläne für die {noun} in {name}",
	},
	Ledes: []string{
		"Die {noun} in {name} sorgt erneut für Gesprächsstoff.",
		"Seit Monaten wird in {city} über die {noun} in {name} diskutiert.",
		"Um die {noun} in {name} ist ein heftiger Streit entbrannt.",
	},
	Sentences: []string{
		"Die Arbeiten sollen im kommenden Frühjahr beginnen und rund zwei Jahre dauern.",
		"{person}, die Bürgermeisterin, sprach von einem großen Tag für die ganze Region.",
		"Mehr als {num} Menschen unterschrieben eine Petition gegen die ursprünglichen Pläne.",
		"Die Kosten werden inzwischen auf {num2} Millionen Euro geschätzt.",
		"Viele Anwohner fühlen sich bei der Planung übergangen.",
		"Der Gemeinderat stimmte nach langer Debatte mit knapper Mehrheit zu.",
		"Schon {year} hatte es einen ersten Anlauf gegeben, der jedoch an der Finanzierung scheiterte.",
		"Die Fahrgastzahlen sind in den vergangenen Jahren um {pct} Prozent gestiegen.",
		"Ein Gutachten soll bis zum Sommer klären, ob das Gebäude erhalten werden kann.",
		"Für Schülerinnen und Schüler bleibt der Eintritt frei.",
		"{person2} vom örtlichen Heimatverein erinnert an die lange Geschichte des Ortes.",
		"Die Landesregierung hat bereits Fördermittel in Aussicht gestellt.",
		"Kritiker bemängeln, dass der Radverkehr in den Plänen kaum vorkommt.",
		"Am Wochenende öffnet das Gelände für einen Tag der offenen Tür.",
		"Die Gewerkschaft kündigte an, die Verhandlungen genau zu verfolgen.",
		"Bei der Bürgerversammlung in {city} blieb kaum ein Stuhl frei.",
		"Ein Sprecher der Stadt wollte sich zu den Einzelheiten nicht äußern.",
		"Die ältesten Teile der Anlage stammen aus dem neunzehnten Jahrhundert.",
		"Für Fußgänger wird während der Bauzeit eine Umleitung eingerichtet.",
		"Die Entscheidung über die Zukunft fällt voraussichtlich im Herbst.",
	},
	PhraseIn: []string{
		"Die {phrase} gilt vielen im Ort als Wahrzeichen.",
		"Für die {phrase} beginnt damit ein neues Kapitel.",
		"Wer die {phrase} kennt, weiß um ihre bewegte Geschichte.",
	},
	Headings: []string{"Wie geht es weiter?", "Die Kosten", "Geteilte Meinungen", "Ein Blick zurück"},
	Quotes: []string{
		"Wir haben lange für diesen Tag gekämpft, und jetzt müssen wir liefern.",
		"Das ist keine Frage des Geldes, sondern eine Frage des Willens.",
	},
	Months: []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
	Byline: "Von", And: "und",
}

// handArticle is a fully hand-written article (Arabic and Japanese pages,
// whose text is not generated).
type handArticle struct {
	Lang    string
	Section string // section slug
	Slug    string
	Title   string
	Desc    string
	Phrase  string
	Author  string
	Tags    []string
	// Blocks are the body: "h2:" prefixes a heading, "q:" a block quote,
	// anything else is a paragraph.
	Blocks []string
}

var arabicWater = handArticle{
	Lang: "ar", Section: "world", Slug: "desalination-plant-wadi-samrin",
	Title:  "افتتاح محطة جديدة لتحلية المياه في وادي سمرين",
	Desc:   "محطة جديدة توفر مياه الشرب لآلاف الأسر على الساحل الشرقي.",
	Phrase: "محطة تحلية المياه في وادي سمرين",
	Author: "سليمة الخطيب",
	Tags:   []string{"climate", "trade"},
	Blocks: []string{
		"افتتحت السلطات المحلية صباح الثلاثاء محطة جديدة لتحلية المياه على الساحل الشرقي، بعد أكثر من ثلاث سنوات من أعمال البناء.",
		"وقال المهندس سليم الحداد، مدير المشروع، إن محطة تحلية المياه في وادي سمرين ستوفر مياه الشرب لنحو أربعين ألف أسرة في القرى المجاورة.",
		"وكان السكان يعتمدون حتى الآن على شاحنات الصهاريج التي تصل مرتين في الأسبوع، وغالبا ما تتأخر في أشهر الصيف.",
		"h2:تكلفة المشروع",
		"بلغت تكلفة المشروع نحو 120 مليون دينار، مولت الحكومة نصفها، بينما جاء الباقي من قرض طويل الأجل.",
		"ويخشى بعض الصيادين من أن تؤثر المياه المالحة التي تعيدها المحطة إلى البحر على الأسماك قرب الشاطئ، وطالبوا بإجراء دراسة مستقلة.",
		"وأكد الحداد أن المحطة تعمل بالطاقة الشمسية خلال ساعات النهار، مما يخفض تكاليف التشغيل بشكل كبير، وأن فريقا من المهندسين المحليين تلقى تدريبا خاصا لإدارتها وصيانتها.",
		"ومن المتوقع أن تبدأ المرحلة الثانية من المشروع في الربيع المقبل، على أن تشمل مد أنابيب جديدة إلى البلدات الجبلية التي تعاني من نقص المياه منذ سنوات طويلة.",
	},
}

var arabicBooks = handArticle{
	Lang: "ar", Section: "culture", Slug: "palm-city-book-fair",
	Title:  "معرض الكتاب في مدينة النخيل يستقبل زواره بعد غياب طويل",
	Desc:   "أكثر من مئتي دار نشر تشارك في دورة هذا العام.",
	Phrase: "جناح الشعر القديم في معرض النخيل للكتاب",
	Author: "كريم العطار",
	Tags:   []string{"books"},
	Blocks: []string{
		"فتح معرض الكتاب أبوابه للجمهور يوم الخميس بمشاركة أكثر من مئتي دار نشر من داخل البلاد وخارجها.",
		"وتقول الروائية نادية الصباغ إن جناح الشعر القديم في معرض النخيل للكتاب أصبح المكان المفضل للطلاب الذين يبحثون عن طبعات نادرة.",
		"ويقدم المعرض هذا العام برنامجا خاصا للأطفال يشمل ورشات للرسم والقراءة والكتابة.",
		"q:«الكتاب ما زال صديقا وفيا، مهما تغيرت الوسائل»، قالت إحدى الزائرات وهي تحمل كيسا مليئا بالروايات.",
		"h2:ندوات ولقاءات",
		"ويستضيف المعرض كل مساء ندوة أدبية يشارك فيها كتاب وشعراء من مختلف المدن، إلى جانب لقاءات مفتوحة بين القراء والمؤلفين الشباب الذين يقدمون أعمالهم الأولى.",
		"وقال أحد الناشرين إن الإقبال على الكتب المترجمة ارتفع بشكل لافت هذا العام، خاصة في مجالات التاريخ والعلوم وأدب الرحلات، مشيرا إلى أن أسعار الكتب بقيت في متناول معظم الزوار.",
		"وتستمر فعاليات المعرض حتى نهاية الشهر، ويفتح أبوابه يوميا من العاشرة صباحا حتى التاسعة مساء.",
	},
}

var japaneseLanterns = handArticle{
	Lang: "ja", Section: "culture", Slug: "kirigaoka-lantern-museum-reopens",
	Title:  "霧ヶ丘の灯籠博物館が十年ぶりに再開",
	Desc:   "改修を終えた博物館に初日から多くの来場者が訪れた。",
	Phrase: "霧ヶ丘古灯籠資料室",
	Author: "山本健太",
	Tags:   []string{"art"},
	Blocks: []string{
		"改修工事のため長く閉館していた灯籠博物館が、今月から一般公開を再開した。",
		"館長の高田美穂さんによると、霧ヶ丘古灯籠資料室には江戸時代から伝わる約三百点の灯籠が収められている。",
		"再開初日には朝から地元の家族連れや観光客が列を作り、予定より早く入場券が売り切れた。",
		"h2:地域とのつながり",
		"博物館では今後、地元の小学生を対象にした灯籠作りの教室を毎月開く予定だ。",
		"改修では建物の耐震補強に加え、展示室の照明を一新し、古い灯籠の細かな模様がよく見えるように工夫した。入館料は大人五百円、中学生以下は無料となっている。",
		"地元の商店街も再開を歓迎しており、週末には博物館の前で灯籠をかたどったお菓子や土産物を売る屋台が並ぶ。",
		"高田さんは「町の歴史を次の世代に伝える場所にしたい」と話している。",
	},
}

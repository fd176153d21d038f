package main

// synthetic holds short texts written for this measurement, per language:
// a headline and a one-sentence news lead on another story. They test the
// short end (titles, teasers, pages with little text), which the page sets
// have few of.
var synthetic = map[string][2]string{
	"en": {"Storm closes schools across the region", "The city council approved a new budget on Tuesday after months of debate over school funding and road repairs."},
	"de": {"Sturm schließt Schulen in der ganzen Region", "Der Stadtrat hat am Dienstag nach monatelanger Debatte über die Finanzierung der Schulen und die Reparatur der Straßen einen neuen Haushalt beschlossen."},
	"fr": {"La tempête ferme les écoles de toute la région", "Le conseil municipal a adopté mardi un nouveau budget après des mois de débat sur le financement des écoles et la réparation des routes."},
	"es": {"La tormenta cierra las escuelas de toda la región", "El ayuntamiento aprobó el martes un nuevo presupuesto tras meses de debate sobre la financiación de las escuelas y la reparación de las carreteras."},
	"it": {"La tempesta chiude le scuole di tutta la regione", "Il consiglio comunale ha approvato martedì un nuovo bilancio dopo mesi di dibattito sul finanziamento delle scuole e sulla riparazione delle strade."},
	"pt": {"Tempestade fecha escolas em toda a região", "A câmara municipal aprovou na terça-feira um novo orçamento depois de meses de debate sobre o financiamento das escolas e a reparação das estradas."},
	"nl": {"Storm sluit scholen in de hele regio", "De gemeenteraad heeft dinsdag na maanden van discussie over de financiering van scholen en het herstel van wegen een nieuwe begroting goedgekeurd."},
	"sv": {"Stormen stänger skolor i hela regionen", "Kommunfullmäktige godkände på tisdagen en ny budget efter månader av debatt om finansieringen av skolor och reparationen av vägar."},
	"da": {"Storm lukker skoler i hele regionen", "Byrådet vedtog tirsdag et nyt budget efter flere måneders debat om finansieringen af skoler og reparation af veje."},
	"nb": {"Storm stenger skoler i hele regionen", "Bystyret vedtok tirsdag et nytt budsjett etter flere måneders debatt om finansieringen av skoler og reparasjon av veier."},
	"fi": {"Myrsky sulki koulut koko alueella", "Kaupunginvaltuusto hyväksyi tiistaina uuden talousarvion kuukausia kestäneen keskustelun jälkeen koulujen rahoituksesta ja teiden korjaamisesta."},
	"pl": {"Burza zamyka szkoły w całym regionie", "Rada miasta zatwierdziła we wtorek nowy budżet po miesiącach debaty na temat finansowania szkół i naprawy dróg."},
	"cs": {"Bouře zavřela školy v celém regionu", "Městské zastupitelstvo schválilo v úterý nový rozpočet po měsících debat o financování škol a opravách silnic."},
	"hu": {"A vihar miatt bezártak az iskolák az egész régióban", "A városi tanács kedden hónapokig tartó vita után új költségvetést fogadott el az iskolák finanszírozásáról és az utak javításáról."},
	"ro": {"Furtuna închide școlile din întreaga regiune", "Consiliul local a aprobat marți un nou buget după luni de dezbateri privind finanțarea școlilor și repararea drumurilor."},
	"tr": {"Fırtına bölge genelinde okulları kapattı", "Belediye meclisi, okulların finansmanı ve yolların onarımı konusunda aylarca süren tartışmaların ardından salı günü yeni bir bütçeyi onayladı."},
	"id": {"Badai menutup sekolah di seluruh wilayah", "Dewan kota menyetujui anggaran baru pada hari Selasa setelah berbulan-bulan perdebatan tentang pendanaan sekolah dan perbaikan jalan."},
	"vi": {"Bão khiến trường học trong toàn khu vực phải đóng cửa", "Hội đồng thành phố đã thông qua ngân sách mới vào thứ Ba sau nhiều tháng tranh luận về việc tài trợ cho trường học và sửa chữa đường sá."},
	"ca": {"La tempesta tanca les escoles de tota la regió", "El consell municipal va aprovar dimarts un nou pressupost després de mesos de debat sobre el finançament de les escoles i la reparació de les carreteres."},
	"ru": {"Шторм закрыл школы по всему региону", "Городской совет во вторник утвердил новый бюджет после многомесячных споров о финансировании школ и ремонте дорог."},
	"uk": {"Шторм закрив школи по всьому регіону", "Міська рада у вівторок затвердила новий бюджет після багатомісячних суперечок щодо фінансування шкіл і ремонту доріг."},
	"bg": {"Бурята затвори училищата в целия регион", "Общинският съвет одобри във вторник нов бюджет след месеци на дебати за финансирането на училищата и ремонта на пътищата."},
	"el": {"Η καταιγίδα έκλεισε τα σχολεία σε όλη την περιοχή", "Το δημοτικό συμβούλιο ενέκρινε την Τρίτη νέο προϋπολογισμό μετά από μήνες συζητήσεων για τη χρηματοδότηση των σχολείων και την επισκευή των δρόμων."},
	"ar": {"العاصفة تغلق المدارس في أنحاء المنطقة", "وافق مجلس المدينة يوم الثلاثاء على ميزانية جديدة بعد أشهر من النقاش حول تمويل المدارس وإصلاح الطرق."},
	"fa": {"طوفان مدارس سراسر منطقه را تعطیل کرد", "شورای شهر روز سه‌شنبه پس از ماه‌ها بحث درباره بودجه مدارس و تعمیر جاده‌ها، بودجه جدیدی را تصویب کرد."},
	"he": {"הסערה סגרה את בתי הספר בכל האזור", "מועצת העיר אישרה ביום שלישי תקציב חדש לאחר חודשים של ויכוח על מימון בתי הספר ותיקון הכבישים."},
	"hi": {"तूफान के कारण पूरे क्षेत्र में स्कूल बंद", "नगर परिषद ने मंगलवार को स्कूलों के वित्तपोषण और सड़कों की मरम्मत पर महीनों की बहस के बाद नया बजट मंजूर किया।"},
	"ja": {"嵐で地域全体の学校が休校に", "市議会は火曜日、学校の財源と道路の補修をめぐる数か月の議論の末、新しい予算を承認した。"},
	"zh": {"暴风雨导致全区学校停课", "市议会周二在就学校经费和道路维修问题进行数月辩论后批准了新的预算。"},
	"ko": {"폭풍으로 지역 전체 학교 휴교", "시의회는 화요일 학교 재정과 도로 보수를 둘러싼 수개월간의 논쟁 끝에 새 예산을 승인했다."},
	"th": {"พายุทำให้โรงเรียนทั่วภูมิภาคต้องปิด", "สภาเมืองอนุมัติงบประมาณใหม่เมื่อวันอังคารหลังจากถกเถียงกันมาหลายเดือนเรื่องเงินทุนโรงเรียนและการซ่อมถนน"},
}

// syntheticSamples returns the synthetic texts as samples, the headline
// and the lead of each language, and both joined; they are all in the
// check half (nothing was tuned on them).
func syntheticSamples() []sample {
	var out []sample
	for lang, t := range synthetic {
		for i, text := range []string{t[0], t[1], t[0] + ". " + t[1]} {
			out = append(out, sample{Set: "synthetic", ID: lang + []string{"/headline", "/lead", "/both"}[i], Declared: lang, Label: lang, Text: text})
		}
	}
	return out
}

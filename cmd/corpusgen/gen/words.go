package gen

// The raw word lists behind the synthetic prose. They are constants (not
// slices) so the package holds no mutable state; newVocab turns them into
// inflected word lists once per Generator. Lists are ordered roughly from
// common to rare because picks are skewed towards the front.

const nounText = `
country government official minister leader president policy market company region city province
village border port ally partner rival neighbor nation state agency ministry department committee
council parliament court judge lawyer analyst expert scholar professor researcher student teacher
worker farmer doctor nurse patient soldier officer commander diplomat envoy ambassador spokesperson
journalist reporter editor observer critic investor consumer customer supplier producer exporter
importer manufacturer retailer startup platform project program plan strategy initiative proposal
agreement treaty deal contract sanction tariff quota subsidy loan bond share stock currency price rate
index indicator forecast report survey study paper book film song festival exhibition museum theater
concert performance team player coach athlete match game tournament championship medal record season
league stadium fan route railway highway bridge tunnel airport station pipeline factory plant mine
farm field forest river lake mountain coast desert valley island satellite rocket spacecraft mission
telescope robot vehicle car truck battery chip device phone computer network system model algorithm
database website app service product brand industry sector firm bank fund insurer regulator union
association alliance organization institution university school hospital clinic laboratory community
family household generation population resident citizen migrant refugee tourist visitor volunteer
donor sponsor issue problem challenge risk threat crisis conflict war dispute tension protest riot
election vote campaign candidate party coalition reform law rule regulation standard measure step move
decision statement remark comment speech interview meeting summit talk dialogue visit trip tour event
ceremony anniversary holiday weekend month year decade century moment period stage phase trend
pattern factor reason cause effect impact outcome result consequence benefit advantage opportunity
goal target priority concern question answer view opinion idea belief value principle right interest
stake demand need request offer option alternative solution approach method tool resource asset budget
revenue profit loss debt deficit surplus investment export import output decline recovery slowdown
boom bubble shock barrier obstacle gap difference divergence partnership relationship tie link
connection channel framework mechanism forum exchange neighborhood district county town capital
metropolis suburb corridor zone hub center gateway frontier strait sea ocean bay harbor canal dam
reservoir grid turbine panel reactor warship destroyer carrier submarine drone missile aircraft jet
helicopter tank drill exercise patrol operation deployment base garrison troop unit brigade division
fleet navy army militia rebel insurgent terrorist suspect victim witness survivor casualty hostage
prisoner detainee trial verdict sentence appeal lawsuit complaint petition investigation probe inquiry
audit scandal fraud bribe leak rumor claim allegation accusation denial warning signal message letter
memo document archive file dataset chart graph photo image video clip broadcast program channel outlet
newspaper magazine column article headline story narrative documentary series episode drama comedy
novel poem painting sculpture performer artist musician singer dancer actor actress director producer
writer poet designer architect engineer scientist inventor entrepreneur founder executive manager
shareholder employee employer landlord tenant owner buyer seller dealer broker trader lender borrower
taxpayer voter lawmaker senator governor mayor premier chancellor monarch king queen prince general
admiral colonel captain pilot astronaut crew passenger driver commuter pedestrian cyclist runner
swimmer skater skier gymnast boxer striker goalkeeper referee umpire champion finalist contender
newcomer veteran pioneer mentor apprentice graduate intern applicant recipient beneficiary stakeholder
`

const massText = `
security stability development infrastructure energy technology innovation research education
healthcare agriculture manufacturing tourism trade peace prosperity democracy sovereignty integrity
governance transparency corruption inflation unemployment poverty pollution climate weather
environment biodiversity culture heritage tradition history literature music art cinema fashion food
cuisine tea coffee rice grain wheat steel coal oil gas electricity water land property housing
consumption demand supply logistics shipping aviation commerce finance capital information data
software hardware intelligence surveillance propaganda rhetoric misinformation disinformation hostility
hegemony unilateralism protectionism multilateralism globalization urbanization modernization
digitalization decarbonization connectivity resilience momentum confidence uncertainty volatility
turbulence chaos unrest violence terrorism separatism extremism interference infiltration cooperation
consensus growth pressure competition confrontation rivalry friendship solidarity mutual trust
tranquility harmony diversity equality justice fairness freedom dignity welfare employment income
wealth productivity efficiency quality safety health nutrition hygiene sanitation transport traffic
mobility broadband bandwidth computing cybersecurity privacy regulation oversight accountability
leadership diplomacy strategy defense deterrence disarmament nonproliferation reconstruction relief
aid assistance support funding sponsorship advertising marketing branding entertainment journalism
scholarship expertise knowledge wisdom experience evidence progress
`

// Regular verbs: their forms follow the spelling rules in inflect.go.
const verbText = `
accept achieve acknowledge address adopt advance affect announce approve argue assess assist attract
avoid balance boost calculate call challenge change claim collect combine comment complain complete
conclude condemn conduct confirm connect consider consolidate construct consult contain contribute
convince cooperate coordinate create criticize cover damage debate declare decline defend delay
deliver demand deny deploy describe design destroy develop discuss dismiss display disrupt downplay
echo emphasize enable encourage engage enhance ensure establish estimate evaluate examine exceed expand
expect explain explore export express extend face facilitate finance focus follow force form fund
gather generate guarantee handle harm help highlight host hype identify ignore implement import
improve include increase indicate influence inform insist inspire install intend introduce invest
investigate invite involve join launch limit list maintain manage mark monitor motivate negotiate note
observe obtain offer open operate oppose organize outline outweigh participate perform pledge point
prepare present preserve press prevent produce promote propose protect protest prove provide publish
pursue question raise reach react receive recognize recommend record recover reduce reflect reform
refuse reject release remain remove repair replace report represent request require resist resolve
respond restore restrict resume return reveal review reward safeguard secure serve settle share shift
show sign signal slow solve spark strengthen stress struggle suffer suggest support surge surpass
suspend sustain target test threaten track train transform undermine unveil update urge value visit
voice vow warn watch welcome witness work worry accompany apply carry imply rely supply verify vary
qualify intensify diversify modernize upgrade stabilize prioritize mobilize revitalize boycott
accelerate compete complicate exaggerate fabricate mediate retaliate escalate infiltrate instigate
`

// Irregular verbs as base|past|ing (third person adds -s or -es).
const irregularText = `
build|built|building bring|brought|bringing buy|bought|buying choose|chose|choosing come|came|coming
cut|cut|cutting drive|drove|driving fall|fell|falling feel|felt|feeling find|found|finding
give|gave|giving grow|grew|growing hold|held|holding keep|kept|keeping lead|led|leading
leave|left|leaving lose|lost|losing make|made|making meet|met|meeting pay|paid|paying put|put|putting
rise|rose|rising run|ran|running see|saw|seeing seek|sought|seeking sell|sold|selling send|sent|sending
set|set|setting speak|spoke|speaking spend|spent|spending stand|stood|standing take|took|taking
tell|told|telling think|thought|thinking win|won|winning write|wrote|writing overcome|overcame|overcoming
undertake|undertook|undertaking withdraw|withdrew|withdrawing begin|began|beginning plan|planned|planning
stop|stopped|stopping ship|shipped|shipping admit|admitted|admitting commit|committed|committing
submit|submitted|submitting control|controlled|controlling refer|referred|referring
transfer|transferred|transferring permit|permitted|permitting
`

const adjectiveText = `
new major key main important significant strong weak stable economic political social cultural
military diplomatic strategic regional global international national domestic local foreign external
internal central eastern western northern southern rural urban public private official common mutual
bilateral multilateral joint broad deep long short high low large small huge massive rapid slow steady
sharp sudden gradual recent current future previous former latest early late final initial annual
digital green clean renewable sustainable innovative advanced modern traditional ancient historic
creative popular famous rare unique special typical difficult complex simple clear vague obvious open
free fair unfair equal legal illegal legitimate reasonable rational realistic practical pragmatic
effective efficient active aggressive peaceful hostile friendly competitive fierce intense severe
serious critical crucial vital essential necessary urgent immediate direct possible likely unlikely
uncertain confident cautious optimistic pessimistic proud responsible independent reliable vulnerable
resilient robust fragile sensitive controversial complicated unprecedented remarkable impressive
disappointing surprising shocking worrying alarming encouraging promising ambitious comprehensive
extensive limited overall fundamental basic structural technical financial fiscal monetary commercial
industrial agricultural environmental ecological medical scientific academic artistic musical literary
athletic maritime coastal continental tropical arctic dry rich poor wealthy affordable expensive
profitable sovereign democratic liberal conservative radical moderate extreme so-called newly
independent nongovernmental high-quality high-level long-term short-term cross-border people-to-people
win-win zero-sum post-pandemic anti-China pro-independence large-scale small-scale
`

// Adjectives that make natural -ly adverbs.
const adverbBaseText = `
strong steady sharp sudden gradual recent final initial direct clear obvious fair equal legal
reasonable rational realistic practical effective efficient active aggressive peaceful fierce intense
severe serious critical immediate possible uncertain confident cautious responsible
independent unprecedented remarkable surprising fundamental basic structural technical financial
economic political social strategic regional global official mutual broad deep rapid slow firm quick
`

// Adverbs that cannot be derived from an adjective.
const adverbText = `
also still even already again almost nearly quite rather very soon often always never once
`

// Proper nouns are separated by ';' because many have spaces in them.
const countryText = `
China; Russia; the US; Japan; South Korea; India; Pakistan; Kazakhstan; Uzbekistan; Kyrgyzstan;
Tajikistan; Turkmenistan; Mongolia; Vietnam; Laos; Cambodia; Thailand; Myanmar; Malaysia; Singapore;
Indonesia; the Philippines; Australia; New Zealand; Fiji; Papua New Guinea; Solomon Islands; Iran; Iraq;
Syria; Türkiye; Saudi Arabia; the UAE; Qatar; Israel; Palestine; Egypt; Jordan; Lebanon; Yemen; Oman;
Ethiopia; Kenya; Nigeria; South Africa; Ghana; Tanzania; Zambia; Zimbabwe; Angola; Algeria; Morocco;
Senegal; Côte d'Ivoire; Cameroon; Djibouti; Brazil; Argentina; Mexico; Chile; Peru; Colombia;
Venezuela; Cuba; Bolivia; Ecuador; Uruguay; Paraguay; Nicaragua; Panama; Canada; the UK; France;
Germany; Italy; Spain; Portugal; Greece; Poland; Hungary; Serbia; Ukraine; Belarus; Sweden; Norway;
Finland; Denmark; the Netherlands; Belgium; Switzerland; Austria; Czechia; Romania; Bulgaria; Croatia;
Iceland; Ireland; the U.S.; the U.K.
`

const cityText = `
Beijing; Shanghai; Guangzhou; Shenzhen; Chongqing; Chengdu; Wuhan; Xi'an; Hangzhou; Nanjing; Tianjin;
Suzhou; Xiamen; Qingdao; Dalian; Harbin; Kunming; Lhasa; Urumqi; Hohhot; Lanzhou; Haikou; Sanya;
Hong Kong; Macao; Taipei; Tokyo; Osaka; Seoul; Pyongyang; New Delhi; Mumbai; Islamabad; Karachi;
Astana; Almaty; Tashkent; Bishkek; Dushanbe; Ulaanbaatar; Hanoi; Ho Chi Minh City; Bangkok;
Phnom Penh; Vientiane; Kuala Lumpur; Jakarta; Manila; Sydney; Canberra; Melbourne; Wellington;
Tehran; Baghdad; Damascus; Riyadh; Dubai; Abu Dhabi; Doha; Jerusalem; Tel Aviv; Gaza; Cairo;
Addis Ababa; Nairobi; Lagos; Abuja; Johannesburg; Pretoria; Cape Town; Accra; Dakar; Yaoundé; Lomé;
Luanda; Brasília; São Paulo; Rio de Janeiro; Buenos Aires; Córdoba; Mexico City; Santiago; Lima;
Bogotá; Medellín; Caracas; Havana; Quito; Asunción; Montevideo; Washington; New York; Los Angeles;
San Francisco; Chicago; Houston; Seattle; Boston; Ottawa; Toronto; Montréal; Vancouver; London;
Manchester; Paris; Besançon; Lyon; Marseille; Berlin; Munich; Düsseldorf; Köln; Hamburg; Frankfurt;
Rome; Milan; Madrid; Barcelona; Málaga; Sevilla; A Coruña; Lisbon; Porto; Athens; Warsaw; Kraków;
Gdańsk; Budapest; Belgrade; Kyiv; Moscow; St Petersburg; Minsk; Stockholm; Oslo; Helsinki; Copenhagen;
Reykjavík; Amsterdam; Brussels; Zürich; Geneva; Vienna; Prague; Bucharest; Sofia; Zagreb; Dublin;
Istanbul; Ankara
`

const orgText = `
the United Nations; the UN Security Council; the World Trade Organization; the WHO; NATO; the EU;
the European Commission; ASEAN; the African Union; the Shanghai Cooperation Organization; BRICS;
the G20; the IMF; the World Bank; the Asian Infrastructure Investment Bank; the Belt and Road Initiative;
the Collective Security Treaty Organization; the Eurasian Economic Union; the Chinese Academy of Social
Sciences; Tsinghua University; Peking University; Fudan University; Renmin University of China;
Beijing Normal University; China Foreign Affairs University; the Ministry of Commerce;
the Foreign Ministry; the National Bureau of Statistics; the People's Bank of China; the State Council;
the Pentagon; the White House; the State Department; the National People's Congress; the CPPCC;
the China Council for the Promotion of International Trade; the Shanghai Institutes for International
Studies; the Université de Genève; the Technische Universität München; the Universidad de São Paulo
`

// Fragments in Chinese, Japanese and Korean script, so that search folding
// and wide-character layout get exercised by the generated corpus.
const cjkText = `北京; 上海; 中国; 一带一路; 春节; 熊猫; 长城; 故宫; 丝绸之路; 合作共赢; 中秋节; 元宵节; 東京; 서울; 功夫; 和平发展`

const weekdayText = `Monday Tuesday Wednesday Thursday Friday Saturday Sunday`

const monthText = `January February March April May June July August September October November December`

"""Names for generated people, written for Sankofa (not copied from Faker or any other project).

Plain data. A name is either "Latin" or ("Latin", "original script"). A repeated entry is a more
common name. Each group is one naming tradition:

- `male`, `female`: given names; `family`: family names. In patronymic traditions (Ethiopia,
  Eritrea, Sudan, Chad) the "family name" is the father's given name, so `family` is empty and
  the generator takes a male given name instead.
- `script`: the original script some clerks also record (ISO 15924, as in people.models.Script);
  `original_share`: how often they do.
- `languages`: ISO 639-3 codes, the first one or two spoken by most people of the group.

NATIONALITIES says which groups a nationality draws from, with weights.
VARIANTS lists the spellings that the same name takes in different registers, for near-duplicate
registrations (Mohamed/Mouhamed/Muhammad, Diallo/Jalloh, Aïssatou/Aissatou...).
"""

# fmt: off
GROUPS: dict[str, dict] = {
    # Guinea: Pular (Fula), Maninka and Susu names; Diallo, Barry, Bah, Sow and Camara dominate.
    "guinea": {
        "male": (
            "Mamadou", "Mamadou", "Mamadou", "Alpha", "Ibrahima", "Ibrahima", "Thierno", "Mamadou Saliou",
            "Mamadou Aliou", "Amadou Oury", "Boubacar", "Abdoulaye", "Ousmane", "Souleymane", "Sékou",
            "Mohamed", "Mohamed", "Lansana", "Ansoumane", "Fodé", "Mamadi", "Moussa", "Aboubacar",
            "Elhadj", "Alhassane", "Mory", "Saïdou", "Kabiné", "Naby", "Karamo", "Oumar", "Sidiki",
        ),
        "female": (
            "Fatoumata", "Fatoumata", "Fatoumata Binta", "Aïssatou", "Aïssatou", "Mariama", "Mariama",
            "Kadiatou", "Kadiatou", "Hadja", "Mariame", "Oumou", "Aminata", "Hawa", "Djénabou", "Néné",
            "Hadiatou", "Safiatou", "Mabinty", "Tenin", "Makalé", "Fanta", "Sayon", "Nanfadima",
            "Ramatoulaye", "Habibatou", "Binta", "Aïssata", "M'Mah",
        ),
        "family": (
            "Diallo", "Diallo", "Diallo", "Diallo", "Diallo", "Barry", "Barry", "Barry", "Bah", "Bah", "Bah",
            "Sow", "Sow", "Baldé", "Camara", "Camara", "Camara", "Condé", "Keïta", "Soumah", "Sylla",
            "Touré", "Bangoura", "Kourouma", "Cissé", "Konaté", "Traoré", "Diakité", "Fofana", "Kanté",
            "Kaba", "Doumbouya", "Sidibé", "Koïvogui", "Guilavogui", "Kouyaté", "Oularé", "Yansané", "Loua",
        ),
        "languages": ("fuf", "emk", "sus", "fra"),
    },
    "senegal": {
        "male": (
            "Mamadou", "Moussa", "Abdoulaye", "Cheikh", "Modou", "Modou", "Ousmane", "Ibrahima", "Babacar",
            "Pape", "Pape Moussa", "Mor", "Serigne", "Assane", "Aliou", "Saliou", "Lamine", "Malick",
            "Ibou", "Mouhamed", "Alioune", "Amadou", "Omar", "Demba", "Samba", "Birame", "Khadim",
            "Fallou", "Abdou", "Bassirou", "Boubacar", "Insa", "Mamadou Lamine",
        ),
        "female": (
            "Fatou", "Fatou", "Aminata", "Khady", "Ndèye", "Ndèye Fatou", "Coumba", "Awa", "Mariama",
            "Astou", "Aïssatou", "Bineta", "Mame Diarra", "Sokhna", "Rama", "Fama", "Adja", "Dieynaba",
            "Khadija", "Maimouna", "Seynabou", "Yacine", "Penda", "Absa", "Oumy",
        ),
        "family": (
            "Ndiaye", "Ndiaye", "Ndiaye", "Diop", "Diop", "Diop", "Fall", "Fall", "Sow", "Ba", "Ba",
            "Gueye", "Gueye", "Faye", "Sarr", "Mbaye", "Diouf", "Seck", "Cissé", "Thiam", "Ndour", "Sy",
            "Kane", "Diallo", "Dieng", "Niang", "Sène", "Mbengue", "Sall", "Camara", "Touré", "Badji",
            "Diatta", "Sané", "Goudiaby", "Mané", "Tall",
        ),
        "languages": ("wol", "fuf", "fra"),
    },
    "mali": {
        "male": (
            "Moussa", "Moussa", "Mamadou", "Mamadou", "Bakary", "Seydou", "Adama", "Oumar", "Souleymane",
            "Boubacar", "Ibrahim", "Modibo", "Mahamadou", "Sidiki", "Drissa", "Lassine", "Sékou",
            "Siaka", "Bourama", "Fousseyni", "Issa", "Amadou", "Abdoulaye", "Yacouba", "Tiémoko",
            "Cheick Oumar", "Hamidou", "Daouda", "Mamoutou", "Samba", "Demba", "Aliou",
        ),
        "female": (
            "Fatoumata", "Fatoumata", "Aminata", "Mariam", "Mariam", "Kadiatou", "Awa", "Djénéba", "Oumou",
            "Hawa", "Kadidia", "Rokia", "Assitan", "Salimata", "Fanta", "Bintou", "Korotoumou", "Nana",
            "Sitan", "Mah", "Adiaratou", "Safiatou", "Aïssata", "Ramata", "Tenin", "Maimouna",
        ),
        "family": (
            "Traoré", "Traoré", "Traoré", "Coulibaly", "Coulibaly", "Coulibaly", "Keïta", "Keïta",
            "Diarra", "Diarra", "Koné", "Koné", "Sangaré", "Diakité", "Cissé", "Sissoko", "Dembélé",
            "Touré", "Maïga", "Konaté", "Doumbia", "Sidibé", "Sylla", "Kanouté", "Samaké", "Dicko",
            "Bagayoko", "Cissoko", "Fofana", "Diallo", "Kanté", "Camara", "Niaré", "Dagnoko", "Tounkara",
            "Soumaré", "Sacko", "Doucouré", "Guindo", "Dolo", "Kassogué",
        ),
        "languages": ("bam", "fuf", "snk", "fra"),
    },
    "ivorian": {
        "male": (
            "Kouadio", "Yao", "Koffi", "Konan", "Kouassi", "Jean-Baptiste", "Serge", "Didier", "Franck",
            "Hervé", "Arsène", "Christian", "Wilfried", "Éric", "Jean-Marc", "Armand", "Ange", "Aristide",
            "Cédric", "Ibrahim", "Mamadou", "Souleymane", "Moussa", "Drissa", "Lassina", "Yacouba",
            "Siaka", "Zoumana", "Bakary", "Adama", "Abdoulaye", "Issouf", "Karim", "Ismaël", "Brice",
            "Stéphane", "Guy-Roland",
        ),
        "female": (
            "Aya", "Adjoua", "Affoué", "Amenan", "Akissi", "Ahou", "Amoin", "Marie-Laure", "Christelle",
            "Estelle", "Prisca", "Grâce", "Josiane", "Mariam", "Fatim", "Salimata", "Awa", "Rokia",
            "Kadidja", "Sali", "Aminata", "Fanta", "Ramata", "Nathalie", "Sylvie", "Bintou",
        ),
        "family": (
            "Koné", "Koné", "Koné", "Kouassi", "Kouamé", "Konan", "Yao", "N'Guessan", "Kouadio",
            "Traoré", "Traoré", "Ouattara", "Ouattara", "Bamba", "Coulibaly", "Coulibaly", "Touré",
            "Koffi", "Aka", "Brou", "Yéo", "Soro", "Diomandé", "Gnahoré", "Zadi", "Tapé", "Doumbia",
            "Fofana", "Cissé", "Dosso", "Kouakou", "Assi", "Ehui", "Silué", "Kambou", "Dembélé", "Sanogo",
            "Tra", "Gueu", "Dago", "Koua",
        ),
        "languages": ("fra", "dyu", "bci"),
    },
    "gambian": {
        "male": (
            "Lamin", "Lamin", "Ebrima", "Ebrima", "Momodou", "Momodou", "Alieu", "Ousman", "Musa", "Omar",
            "Yusupha", "Sainey", "Modou", "Bakary", "Buba", "Kebba", "Sheriff", "Abdoulie", "Alagie",
            "Babucarr", "Ebou", "Pa", "Sulayman", "Amadou", "Malick", "Haruna", "Ansu", "Mustapha",
            "Saikou", "Dawda", "Karamo", "Landing",
        ),
        "female": (
            "Isatou", "Isatou", "Fatou", "Fatou", "Mariama", "Haddy", "Binta", "Awa", "Kaddy", "Ndey",
            "Sainabou", "Jainaba", "Amie", "Oumie", "Mariatou", "Fatoumata", "Aji", "Nyima", "Kumba",
            "Rohey", "Hawa", "Adama", "Sirreh",
        ),
        "family": (
            "Jallow", "Jallow", "Jallow", "Ceesay", "Ceesay", "Touray", "Jammeh", "Bah", "Sowe", "Jobe",
            "Njie", "Camara", "Darboe", "Sanneh", "Drammeh", "Manneh", "Saidy", "Bojang", "Sonko", "Fatty",
            "Jarju", "Colley", "Sillah", "Badjie", "Barrow", "Conteh", "Kinteh", "Jatta", "Sarr", "Saho",
            "Krubally", "Marong", "Sanyang", "Gassama",
        ),
        "languages": ("mnk", "wol", "fuf", "eng"),
    },
    "burkinabe": {
        "male": (
            "Issouf", "Souleymane", "Boukary", "Hamidou", "Adama", "Salif", "Moumouni", "Rasmané",
            "Inoussa", "Idrissa", "Harouna", "Lassané", "Drissa", "Seydou", "Arouna", "Paul", "Jean",
            "Pascal", "Abdoul Aziz", "Ousséni",
        ),
        "female": (
            "Aminata", "Mariam", "Fatimata", "Safiatou", "Salamata", "Awa", "Rasmata", "Asséta", "Alimata",
            "Pauline", "Bibata", "Zalissa", "Adjaratou", "Habibou",
        ),
        "family": (
            "Ouédraogo", "Ouédraogo", "Ouédraogo", "Sawadogo", "Sawadogo", "Compaoré", "Zongo", "Kaboré",
            "Ilboudo", "Zoungrana", "Nikiéma", "Tapsoba", "Kiendrébéogo", "Ouattara", "Traoré", "Sanou",
            "Bationo", "Yaméogo", "Ouoba", "Sankara", "Congo", "Belem",
        ),
        "languages": ("mos", "dyu", "fra"),
    },
    "yoruba": {
        "male": (
            "Oluwaseun", "Babatunde", "Adewale", "Olumide", "Kehinde", "Taiwo", "Femi", "Segun", "Tunde",
            "Ayodele", "Gbenga", "Damilola", "Oluwafemi", "Adebayo", "Kunle", "Tobi", "Samuel", "Emmanuel",
            "David", "Michael", "Sunday", "Ibrahim", "Abdulrasheed",
        ),
        "female": (
            "Funmilayo", "Folake", "Yetunde", "Bukola", "Titilayo", "Omolara", "Adunni", "Abosede",
            "Temitope", "Kemi", "Bisola", "Damilola", "Blessing", "Esther", "Grace", "Ruth", "Deborah",
            "Kafayat", "Aminat",
        ),
        "family": (
            "Adeyemi", "Adeyemi", "Ogunleye", "Adebayo", "Olawale", "Oyelaran", "Adeleke", "Ogunbiyi",
            "Akinola", "Balogun", "Oladipo", "Afolabi", "Ojo", "Ojo", "Adewale", "Oyewole", "Ogundipe",
            "Salami", "Lawal", "Adesina", "Olatunji", "Oladele", "Akande",
        ),
        "languages": ("yor", "eng", "pcm"),
    },
    "igbo": {
        "male": (
            "Chinedu", "Emeka", "Obinna", "Ikenna", "Chukwuemeka", "Nnamdi", "Uchenna", "Chibuike",
            "Kelechi", "Ifeanyi", "Chidi", "Tochukwu", "Emmanuel", "Godwin", "Victor", "Peter", "John",
            "Daniel", "Friday", "Goodluck", "Kingsley", "Stanley",
        ),
        "female": (
            "Ngozi", "Chioma", "Adaeze", "Nkechi", "Amarachi", "Chiamaka", "Ifeoma", "Uju", "Obiageli",
            "Nneka", "Chinwe", "Blessing", "Joy", "Patience", "Mary", "Gift", "Favour", "Peace",
        ),
        "family": (
            "Okafor", "Okafor", "Okonkwo", "Eze", "Eze", "Nwosu", "Obi", "Chukwu", "Okeke", "Okeke",
            "Onyeka", "Nwachukwu", "Ugwu", "Okoro", "Ibe", "Anyanwu", "Nwankwo", "Onwuka", "Agu",
            "Ezeh", "Okoye", "Nnadi", "Udeh",
        ),
        "languages": ("ibo", "eng", "pcm"),
    },
    "hausa": {
        "male": (
            "Abdullahi", "Musa", "Usman", "Aliyu", "Sani", "Bashir", "Nasiru", "Kabiru", "Yusuf", "Umar",
            "Jamilu", "Auwal", "Ibrahim", "Abubakar", "Mustapha", "Haruna", "Shehu", "Lawal", "Nura",
        ),
        "female": (
            "Aisha", "Hauwa", "Zainab", "Amina", "Hadiza", "Fatima", "Maryam", "Rukayya", "Halima",
            "Safiya", "Binta", "Khadija", "Hafsat", "Jamila", "Sadiya",
        ),
        "family": (
            "Musa", "Abubakar", "Bello", "Bello", "Sani", "Garba", "Aliyu", "Usman", "Danjuma", "Yakubu",
            "Abdullahi", "Lawal", "Suleiman", "Haruna", "Ibrahim", "Mohammed", "Umar", "Idris", "Shehu",
        ),
        "languages": ("hau", "eng"),
    },
    # Edo (Benin City) names: a large share of the Central Mediterranean route from Nigeria.
    "edo": {
        "male": (
            "Osagie", "Osaretin", "Efosa", "Osas", "Eghosa", "Osayande", "Osaro", "Ehigie", "Nosa",
            "Ikponmwosa", "Uyi", "Godwin", "Friday", "Sunday", "Lucky", "Emmanuel", "Prince", "Destiny",
        ),
        "female": (
            "Osasere", "Esohe", "Itohan", "Osarugue", "Ivie", "Eki", "Omosede", "Precious", "Blessing",
            "Blessing", "Joy", "Happiness", "Gift", "Favour", "Mercy", "Faith", "Success", "Glory",
        ),
        "family": (
            "Omoregie", "Omoregie", "Igbinosa", "Aigbe", "Osagie", "Ehigie", "Iyamu", "Osayande",
            "Idahosa", "Igbinedion", "Obasuyi", "Ogbebor", "Edobor", "Osaghae", "Uwaifo", "Aghedo",
            "Eguavoen", "Okundaye",
        ),
        "languages": ("bin", "pcm", "eng"),
    },
    "cameroon_franco": {
        "male": (
            "Jean", "Paul", "Serge", "Joseph", "Emmanuel", "Christian", "Franck", "Patrick", "Hervé",
            "Boris", "Junior", "Stéphane", "Landry", "Cyrille", "Rodrigue", "Aubin", "Blaise", "Thierry",
            "Arnaud", "Yannick", "Martial", "Ernest", "Jean-Claude", "Guy",
        ),
        "female": (
            "Marie", "Rose", "Brigitte", "Sandrine", "Carine", "Nadège", "Vanessa", "Linda", "Clarisse",
            "Mireille", "Pélagie", "Hortense", "Joséphine", "Berthe", "Solange", "Laure", "Estelle",
            "Marie-Claire", "Christelle",
        ),
        "family": (
            "Mbarga", "Mbarga", "Ngono", "Essomba", "Atangana", "Fotso", "Kamga", "Kamdem", "Tagne",
            "Fouda", "Owona", "Manga", "Ndongo", "Ekotto", "Ebongue", "Ngando", "Tchamba", "Ngassa",
            "Djoumessi", "Wandji", "Talla", "Tchinda", "Nana", "Simo", "Nguemo", "Mballa", "Onana",
        ),
        "languages": ("fra", "ewo", "bbj"),
    },
    "cameroon_anglo": {
        "male": (
            "Divine", "Clinton", "Brandon", "Emmanuel", "Godlove", "Wilson", "Bertrand", "Collins",
            "Derick", "Ivo", "Kingsley", "Nelson", "Valentine", "Cletus",
        ),
        "female": (
            "Gladys", "Mercy", "Glory", "Relindis", "Brenda", "Quinta", "Comfort", "Delphine", "Sharon",
            "Precious", "Bih", "Lum", "Enanga",
        ),
        "family": (
            "Fru", "Tabi", "Achu", "Ayuk", "Ayuk", "Tanyi", "Ako", "Bate", "Mbah", "Ngwa", "Che", "Nfor",
            "Ndze", "Fon", "Nji", "Tambe", "Agbor", "Enow", "Besong", "Neba",
        ),
        "languages": ("eng", "wes"),
    },
    "cameroon_north": {
        "male": (
            "Hamadou", "Oumarou", "Aboubakar", "Bello", "Abdoulaye", "Moussa", "Adamou", "Aminou", "Ibrahim",
            "Alhadji", "Souley", "Issa",
        ),
        "female": (
            "Aminatou", "Hadidja", "Ramatou", "Aïssatou", "Hawaou", "Djamila", "Fadimatou", "Maimouna",
        ),
        "family": (
            "Hamadou", "Oumarou", "Bouba", "Mohamadou", "Abdouraman", "Bakari", "Yaya", "Adji", "Daouda",
        ),
        "languages": ("fub", "fra"),
    },
    # Ethiopia: Amharic names in Ge'ez script, recorded by some clerks; the family name is the father's name.
    "amhara": {
        "male": (
            ("Abebe", "አበበ"), ("Tesfaye", "ተስፋዬ"), ("Getachew", "ጌታቸው"), ("Dawit", "ዳዊት"),
            ("Solomon", "ሰሎሞን"), ("Yohannes", "ዮሐንስ"), ("Bereket", "በረከት"), ("Mulugeta", "ሙሉጌታ"),
            ("Haile", "ኃይሌ"), ("Kebede", "ከበደ"), ("Alemu", "አለሙ"), ("Girma", "ግርማ"), ("Tadesse", "ታደሰ"),
            ("Mesfin", "መስፍን"), ("Berhanu", "ብርሃኑ"), ("Yonas", "ዮናስ"), ("Biruk", "ብሩክ"), ("Henok", "ሄኖክ"),
            ("Abel", "አቤል"), ("Samuel", "ሳሙኤል"), ("Tewodros", "ቴዎድሮስ"), ("Lemma", "ለማ"), ("Desta", "ደስታ"),
            ("Assefa", "አሰፋ"), ("Worku", "ወርቁ"), ("Bekele", "በቀለ"), ("Tsegaye", "ጸጋዬ"), ("Ayele", "አየለ"),
            ("Eyob", "እዮብ"), ("Mekonnen", "መኮንን"), ("Negash", "ነጋሽ"), ("Fikadu", "ፍቃዱ"),
            ("Demissie", "ደምሴ"), ("Shiferaw", "ሽፈራው"), ("Tilahun", "ጥላሁን"), ("Belay", "በላይ"),
            ("Kassa", "ካሳ"), ("Gebremedhin", "ገብረመድኅን"), ("Gebreyesus", "ገብረየሱስ"),
        ),
        "female": (
            ("Almaz", "አልማዝ"), ("Tigist", "ትዕግሥት"), ("Hirut", "ሂሩት"), ("Meseret", "መሠረት"),
            ("Selam", "ሰላም"), ("Genet", "ገነት"), ("Meron", "ሜሮን"), ("Bethlehem", "ቤተልሔም"), ("Hana", "ሐና"),
            ("Mahlet", "ማህሌት"), ("Tsion", "ጽዮን"), ("Rahel", "ራሔል"), ("Kidist", "ቅድስት"), ("Aster", "አስቴር"),
            ("Senait", "ሰናይት"), ("Saba", "ሳባ"), ("Mekdes", "መቅደስ"), ("Birtukan", "ብርቱካን"),
            ("Azeb", "አዜብ"), ("Lemlem", "ለምለም"), ("Yordanos", "ዮርዳኖስ"), ("Eden", "ኤደን"), ("Mulu", "ሙሉ"),
            ("Zewditu", "ዘውዲቱ"),
        ),
        "family": (),
        "script": "Ethi",
        "original_share": 0.6,
        "languages": ("amh",),
    },
    # Oromo names are written in Latin script (Qubee): nothing else to record.
    "oromo": {
        "male": (
            "Abdi", "Gemechu", "Lemi", "Tolesa", "Chala", "Gutema", "Kedir", "Jemal", "Fayisa", "Boru",
            "Hailu", "Obsa", "Lelisa", "Gadisa", "Moti", "Biyansa", "Dhaba", "Hussen", "Abdella", "Aliyi",
        ),
        "female": (
            "Ayantu", "Chaltu", "Lensa", "Hawi", "Bontu", "Gelane", "Ebise", "Meti", "Obse", "Sifan", "Dinke",
            "Tsehay", "Fatuma", "Zeyneba",
        ),
        "family": (),
        "languages": ("orm", "amh"),
    },
    "tigrinya": {
        "male": (
            ("Filmon", "ፊልሞን"), ("Merhawi", "መርሃዊ"), ("Amanuel", "ኣማኑኤል"), ("Habtom", "ሃብቶም"),
            ("Kibrom", "ክብሮም"), ("Yemane", "የማነ"), ("Goitom", "ጎይቶም"), ("Mehari", "መሓሪ"), ("Tekle", "ተኽለ"),
            ("Tsegay", "ጸጋይ"), ("Berhane", "ብርሃነ"), ("Tesfay", "ተስፋይ"), ("Kidane", "ኪዳነ"),
            ("Tewelde", "ተወልደ"), ("Weldu", "ወልዱ"), ("Yonas", "ዮናስ"), ("Samson", "ሳምሶን"), ("Henok", "ሄኖክ"),
            ("Ghebremariam", "ገብረማርያም"),
        ),
        "female": (
            ("Helen", "ሄለን"), ("Senait", "ሰናይት"), ("Winta", "ዊንታ"), ("Luwam", "ሉዋም"), ("Feven", "ፌቨን"),
            ("Saron", "ሳሮን"), ("Rahwa", "ራሕዋ"), ("Yodit", "ዮዲት"), ("Tirhas", "ትርሓስ"), ("Semhar", "ሰምሃር"),
            ("Selam", "ሰላም"), ("Abrehet", "ኣብረኸት"), ("Mizan", "ሚዛን"), ("Elsa", "ኤልሳ"), ("Hiwet", "ሕይወት"),
        ),
        "family": (),
        "script": "Ethi",
        "original_share": 0.6,
        "languages": ("tir",),
    },
    # Sudan: given name, then father's (and often grandfather's) name.
    "sudanese": {
        "male": (
            ("Mohamed", "محمد"), ("Mohamed", "محمد"), ("Ahmed", "أحمد"), ("Abdallah", "عبد الله"),
            ("Osman", "عثمان"), ("Ibrahim", "إبراهيم"), ("Ali", "علي"), ("Omar", "عمر"), ("Hassan", "حسن"),
            ("Hussein", "حسين"), ("Yousif", "يوسف"), ("Adam", "آدم"), ("Ismail", "إسماعيل"),
            ("Abdelrahman", "عبد الرحمن"), ("Mustafa", "مصطفى"), ("Khalid", "خالد"), ("Salah", "صلاح"),
            ("Tarig", "طارق"), ("Mohanad", "مهند"), ("Elsadig", "الصادق"), ("Idris", "إدريس"),
            ("Suleiman", "سليمان"), ("Yahya", "يحيى"), ("Musa", "موسى"), ("Hamid", "حامد"),
            ("Babiker", "بابكر"), ("Awad", "عوض"), ("Elfatih", "الفاتح"), ("Abdelaziz", "عبد العزيز"),
            ("Haroun", "هارون"), ("Issa", "عيسى"), ("Eltayeb", "الطيب"), ("Mubarak", "مبارك"),
            ("Ayman", "أيمن"), ("Magdi", "مجدي"),
        ),
        "female": (
            ("Fatima", "فاطمة"), ("Amna", "آمنة"), ("Mariam", "مريم"), ("Aisha", "عائشة"),
            ("Khadija", "خديجة"),
            ("Zainab", "زينب"), ("Hawa", "حواء"), ("Safa", "صفاء"), ("Marwa", "مروة"), ("Nour", "نور"),
            ("Huda", "هدى"), ("Samira", "سميرة"), ("Asma", "أسماء"), ("Sara", "سارة"), ("Halima", "حليمة"),
            ("Amal", "أمل"), ("Hanan", "حنان"), ("Salma", "سلمى"), ("Ikhlas", "إخلاص"), ("Tasneem", "تسنيم"),
            ("Rasha", "رشا"), ("Nagla", "نجلاء"), ("Suad", "سعاد"), ("Iman", "إيمان"),
        ),
        "family": (),
        "script": "Arab",
        "original_share": 0.5,
        "two_part_family": 0.4,  # "Ahmed Osman": father and grandfather
        "languages": ("apd", "ara"),
    },
    "chadian": {
        "male": (
            ("Mahamat", "محمد"), ("Mahamat", "محمد"), ("Abakar", "أبكر"), ("Hissein", "حسين"),
            ("Brahim", "إبراهيم"), ("Adoum", "آدم"), ("Ahmat", "أحمد"), ("Saleh", "صالح"),
            ("Djibrine", "جبرين"),
            ("Abdelkerim", "عبد الكريم"), ("Moussa", "موسى"), ("Youssouf", "يوسف"), ("Oumar", "عمر"),
            ("Haroun", "هارون"), ("Idriss", "إدريس"), ("Ousmane", "عثمان"), ("Zakaria", "زكريا"),
        ),
        "female": (
            "Achta", ("Zenaba", "زينب"), ("Haoua", "حواء"), ("Fatimé", "فاطمة"), ("Khadidja", "خديجة"),
            ("Hadjé", "حاجة"), ("Kaltouma", "كلثوم"), ("Amina", "أمينة"), ("Halimé", "حليمة"),
            ("Mariam", "مريم"),
        ),
        "family": (),
        "script": "Arab",
        "original_share": 0.35,
        "languages": ("shu", "fra"),
    },
}

# Nationality (ISO alpha-3) -> groups it draws from, with weights.
NATIONALITIES: dict[str, tuple[tuple[str, int], ...]] = {
    "GIN": (("guinea", 1),),
    "SEN": (("senegal", 1),),
    "MLI": (("mali", 1),),
    "CIV": (("ivorian", 1),),
    "GMB": (("gambian", 1),),
    "BFA": (("burkinabe", 1),),
    "NGA": (("edo", 35), ("yoruba", 25), ("igbo", 25), ("hausa", 15)),
    "CMR": (("cameroon_franco", 60), ("cameroon_anglo", 25), ("cameroon_north", 15)),
    "ETH": (("amhara", 50), ("oromo", 50)),
    "ERI": (("tigrinya", 1),),
    "SDN": (("sudanese", 1),),
    "TCD": (("chadian", 1),),
}

# How the same name is written by other clerks: French/English transliteration, accents, Arabic forms.
VARIANTS: dict[str, tuple[str, ...]] = {
    # given names
    "Mohamed": ("Mouhamed", "Muhammad", "Mohammed", "Mohamad"),
    "Mouhamed": ("Mohamed", "Muhammad", "Mouhammed"),
    "Mahamat": ("Mahamad", "Mohamed", "Mahammat"),
    "Mamadou": ("Mamadu", "Mamoudou", "Mammadou"),
    "Ousmane": ("Usman", "Ousman", "Osmane"),
    "Ousman": ("Ousmane", "Usman"),
    "Usman": ("Ousmane", "Othman"),
    "Osman": ("Othman", "Usman", "Ousmane"),
    "Ibrahima": ("Ibrahim", "Brahima", "Ebrima"),
    "Ibrahim": ("Ibrahima", "Ebrahim", "Brahim"),
    "Ebrima": ("Ibrahima", "Ebrahima"),
    "Abdoulaye": ("Abdullahi", "Abdoulay", "Ablaye"),
    "Abdullahi": ("Abdoulaye", "Abdulahi"),
    "Moussa": ("Musa", "Mousa"),
    "Musa": ("Moussa", "Mousa"),
    "Amadou": ("Ahmadou", "Amadu"),
    "Boubacar": ("Aboubacar", "Abubakar", "Boubakar"),
    "Aboubacar": ("Boubacar", "Abubakar"),
    "Abubakar": ("Aboubacar", "Abubakr"),
    "Souleymane": ("Suleiman", "Soulemane", "Sulayman"),
    "Suleiman": ("Souleymane", "Sulayman", "Sleiman"),
    "Sékou": ("Sekou", "Seku"),
    "Lamine": ("Lamin", "Alamine"),
    "Lamin": ("Lamine", "Alamin"),
    "Oumar": ("Omar", "Umar"),
    "Omar": ("Oumar", "Umar"),
    "Modou": ("Momodou", "Modu"),
    "Momodou": ("Modou", "Mamadou"),
    "Seydou": ("Seidou", "Saidou"),
    "Bakary": ("Bakari", "Bakarr"),
    "Youssouf": ("Yusuf", "Youssef", "Yousouf"),
    "Yousif": ("Yusuf", "Youssef", "Yousef"),
    "Ahmed": ("Ahmad", "Ahmet"),
    "Abdelrahman": ("Abdul Rahman", "Abderrahmane", "Abdalrahman"),
    "Hussein": ("Hussain", "Houssein", "Husein"),
    "Hissein": ("Hussein", "Hissen"),
    "Tarig": ("Tariq", "Tarek"),
    "Khalid": ("Khaled", "Kalid"),
    "Mustafa": ("Mostafa", "Moustapha"),
    "Mustapha": ("Moustapha", "Mustafa"),
    "Ismail": ("Ismael", "Ismaïl"),
    "Idris": ("Idriss", "Edris"),
    "Idriss": ("Idris", "Idrissa"),
    "Elsadig": ("El Sadig", "Alsadiq"),
    "Abdallah": ("Abdalla", "Abdoulah"),
    "Fatoumata": ("Fatimata", "Fatumata", "Fatoumatta"),
    "Fatimata": ("Fatoumata", "Fatimatou"),
    "Aïssatou": ("Aissatou", "Aisatou", "Isatou"),
    "Isatou": ("Aïssatou", "Isatu", "Issatou"),
    "Mariama": ("Mariam", "Maryama", "Mariamma"),
    "Mariam": ("Maryam", "Mariama", "Meriem"),
    "Kadiatou": ("Khadiatou", "Kadijatou", "Kadiatu"),
    "Aminata": ("Aminatta", "Aminatou"),
    "Hawa": ("Awa", "Haoua"),
    "Djénéba": ("Djeneba", "Jeneba"),
    "Djénabou": ("Djenabou", "Jenabou"),
    "Fatima": ("Fatma", "Fatouma", "Fatimah"),
    "Aisha": ("Aicha", "Aïcha", "Aysha"),
    "Khadija": ("Khadidja", "Kadija"),
    "Zainab": ("Zeinab", "Zaynab", "Zenaba"),
    "Ndèye": ("Ndeye", "Ndey"),
    "Binta": ("Bintou", "Bintu"),
    "Kouadio": ("Kwadio", "Kouadjo"),
    "Tesfaye": ("Tesfay", "Tesfaie"),
    "Getachew": ("Getachaw", "Getacho"),
    "Yohannes": ("Yohanes", "Johannes"),
    "Tewodros": ("Tewodrose", "Theodros"),
    "Tsegaye": ("Tsegay", "Segaye"),
    "Mekonnen": ("Mekonen", "Makonnen"),
    "Berhanu": ("Birhanu", "Brhanu"),
    "Gebremedhin": ("Gebremedin", "Ghebremedhin"),
    "Tigist": ("Tigest", "Tegist"),
    "Meseret": ("Meserret", "Messeret"),
    "Tsion": ("Zion", "Tseyon"),
    "Mehari": ("Mehary", "Mahari"),
    "Tesfay": ("Tesfaye", "Tesfai"),
    "Amanuel": ("Emmanuel", "Amanual"),
    "Oluwaseun": ("Oluseun", "Oluwasegun"),
    "Chukwuemeka": ("Chukuemeka", "Chukwuemaka"),
    "Osagie": ("Osaghie", "Osagei"),
    # family names
    "Diallo": ("Jalloh", "Djallo", "Dialo"),
    "Jallow": ("Diallo", "Jalloh", "Jallo"),
    "Barry": ("Bari", "Barrie"),
    "Bah": ("Ba",),
    "Ba": ("Bah",),
    "Sow": ("Sowe", "Sao"),
    "Sowe": ("Sow",),
    "Camara": ("Kamara", "Camarra"),
    "Touré": ("Toure", "Touray", "Turay"),
    "Touray": ("Touré", "Toure"),
    "Traoré": ("Traore", "Traorè"),
    "Coulibaly": ("Kulibali", "Coulibali", "Koulibaly"),
    "Koné": ("Kone", "Konneh"),
    "Ndiaye": ("N'Diaye", "Njie", "Ndiay"),
    "Njie": ("Ndiaye", "N'Jie"),
    "Fall": ("Fal",),
    "Ceesay": ("Cissé", "Sise", "Sisay"),
    "Cissé": ("Cisse", "Ceesay", "Sissé"),
    "Keïta": ("Keita", "Keyta"),
    "Sylla": ("Silla", "Sillah"),
    "Sillah": ("Sylla", "Silla"),
    "Sidibé": ("Sidibe", "Sidibeh"),
    "Konaté": ("Konate", "Konateh"),
    "Fofana": ("Fofanah",),
    "Kanté": ("Kante", "Kanteh"),
    "Diarra": ("Jarra", "Diara"),
    "Dembélé": ("Dembele",),
    "Ouattara": ("Wattara", "Watara"),
    "Kouassi": ("Kwasi", "Kouasi"),
    "Kouamé": ("Kwame", "Kouame"),
    "N'Guessan": ("Nguessan", "N'Gessan"),
    "Sanneh": ("Sané", "Sane"),
    "Darboe": ("Darbo",),
    "Drammeh": ("Dramé", "Drame"),
    "Jobe": ("Diop", "Job"),
    "Diop": ("Jobe", "Diopp"),
    "Badjie": ("Badji", "Badgie"),
    "Badji": ("Badjie",),
    "Conteh": ("Conté", "Conte"),
    "Condé": ("Conde", "Conteh"),
    "Kinteh": ("Kinte",),
    "Ouédraogo": ("Ouedraogo", "Wedraogo"),
    "Sawadogo": ("Sawadgo", "Sawadougou"),
    "Okafor": ("Okaforr", "Okafo"),
    "Omoregie": ("Omoreghe", "Omoregbe"),
    "Mbarga": ("M'Barga", "Mbarrga"),
}
# fmt: on

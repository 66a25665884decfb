"""Writes heldout9/gold/*.json (gold written by hand, blind, before any attache run)."""
import json, os
B = os.path.dirname(os.path.abspath(__file__))
def L(p, c): return {"place": p, "country": c}
def P(n, t, c): return {"name": n, "title": t, "country": c}
def E(kind, status, date, loc, parts, sides, ev, org=None, end=None):
    return {"kind": kind, "status": status, "date": date, "date_end": end, "location": loc,
            "participants": parts, "sides": sorted(sides), "organization": org, "evidence": ev}
def Q(v, u, per=None): return {"value": v, "unit": u, "per": per}
def rec(id, doc, title, pub, events, countries, orgs, places, persons, companies, topics, quants):
    return {"id": id, "doc": "docs/" + doc, "language": "en", "title": title, "published": pub, "events": events,
            "mentions": {"countries": sorted(countries), "organizations": sorted(orgs), "places": places,
                         "persons": [{"name": n, "country": c} for n, c in persons], "companies": companies},
            "topics": sorted(topics), "quantities": quants}
G = {}
def put(doc, r): G[doc] = r

# 1 Portugal
rui = P("Rui Magalhães Pinto", "Minister of State and Foreign Affairs", "PRT")
dja = P("Djamila Tavares Lopes", "Minister of Foreign Affairs, Cooperation and Regional Integration", "CPV")
d = "2028-01-18"; LIS = L("Lisbon", "PRT")
put("prt-cpv-mne-2028-01-19.txt", rec("prt-cpv-mne-2028-01-19", "prt-cpv-mne-2028-01-19.txt",
 "Portugal and Cabo Verde sign Memorandum of Understanding on labour mobility", "2028-01-19",
 [E("visit", "occurred", "2028-01-17", L(None, "PRT"), [dja], ["CPV", "PRT"], "who is in Portugal on an official visit from 17 to 20 January", end="2028-01-20"),
  E("meeting", "occurred", d, LIS, [rui, dja], ["CPV", "PRT"], "received yesterday at the Palácio das Necessidades"),
  E("agreement_signed", "occurred", d, LIS, [rui, dja], ["CPV", "PRT"], "the two ministers signed a Memorandum of Understanding on labour mobility"),
  E("cooperation_pledged", "occurred", d, LIS, [rui], ["CPV", "PRT"], "Portugal will allocate EUR 35 million to the new Strategic Cooperation Programme"),
  E("support_expressed", "occurred", d, LIS, [dja], ["CPV", "PRT"], "thanked Portugal for its steadfast support"),
  E("consultations", "planned", "2028-10", L("Praia", "CPV"), [], ["CPV", "PRT"], "The next session of the Portugal-Cabo Verde Joint Cooperation Commission")],
 ["CPV", "GNB", "PRT"], ["CPLP", "UN"],
 [L("Lisbon", "PRT"), L("Praia", "CPV"), L("Porto", "PRT"), L("Mindelo", "CPV")],
 [("Rui Magalhães Pinto", "PRT"), ("Djamila Tavares Lopes", "CPV")], ["TAP Air Portugal, S.A."],
 ["consular", "education", "energy", "health", "multilateral", "regional_security", "transport", "visits"],
 [Q(4000, "worker", "year"), Q(35000000, "EUR")]))

# 2 Ireland
cmr = P("Ciarán Mac Giolla Rua", "Tánaiste and Minister for Foreign Affairs and Defence", "IRL")
had = P("Nadim Haddad", "Minister of Foreign Affairs and Emigrants", "LBN")
d = "2028-02-03"
put("irl-lbn-dfa-2028-02-05.txt", rec("irl-lbn-dfa-2028-02-05", "irl-lbn-dfa-2028-02-05.txt",
 "Tánaiste speaks with Lebanese Foreign Minister and announces additional humanitarian funding", "2028-02-05",
 [E("phone_call", "occurred", d, None, [cmr, had], ["IRL", "LBN"], "spoke by phone on Thursday with the Minister of Foreign Affairs and Emigrants of Lebanon"),
  E("support_expressed", "occurred", d, None, [cmr], ["IRL", "LBN"], "expressed Ireland's appreciation for the cooperation extended by the Lebanese authorities"),
  E("support_expressed", "occurred", d, None, [cmr], ["IRL", "UN"], "reiterated Ireland's strong support for UNIFIL and its mandate", org="UN"),
  E("cooperation_pledged", "occurred", d, None, [cmr], ["IRL", "LBN"], "announced that Ireland will provide a further"),
  E("support_expressed", "occurred", d, None, [had], ["IRL", "LBN"], "Minister Haddad thanked Ireland for its long-standing solidarity"),
  E("visit", "planned", "2028-03", L(None, "LBN"), [cmr], ["IRL", "LBN"], "he intends to travel to Lebanon in March")],
 ["IRL", "LBN"], ["Irish Red Cross", "UN"],
 [L("Bekaa Valley", "LBN"), L("Beirut", "LBN")],
 [("Ciarán Mac Giolla Rua", "IRL"), ("Nadim Haddad", "LBN")], [],
 ["consular", "multilateral", "regional_security", "security", "visits"],
 [Q(340, "person"), Q(4000000, "EUR")]))

# 3 Bangladesh
tan = P("Tanvir Ahmed Chowdhury", "Foreign Secretary", "BGD")
vin = P("Do Quang Vinh", "Deputy Minister of Foreign Affairs", "VNM")
sar = P("Abdul Momin Sarkar", "Foreign Minister", "BGD")
d = "2028-03-09"; DH = L("Dhaka", "BGD")
put("bgd-vnm-mofa-2028-03-09.txt", rec("bgd-vnm-mofa-2028-03-09", "bgd-vnm-mofa-2028-03-09.txt",
 "Fifth Foreign Office Consultations held in Dhaka", d,
 [E("consultations", "occurred", d, DH, [tan, vin], ["BGD", "VNM"], "Foreign Office Consultations (FOC) between Bangladesh and Viet Nam was held today"),
  E("cooperation_pledged", "occurred", d, DH, [], ["BGD", "VNM"], "both sides agreed to finalise a government-to-government arrangement"),
  E("support_expressed", "occurred", d, DH, [], ["BGD", "VNM"], "The Vietnamese delegation expressed appreciation"),
  E("consultations", "planned", "2029", L("Hanoi", "VNM"), [], ["BGD", "VNM"], "agreed to hold the sixth FOC in Hanoi in 2029"),
  E("meeting", "occurred", d, DH, [vin, sar], ["BGD", "VNM"], "paid a courtesy call on Foreign Minister Mr. Abdul Momin Sarkar")],
 ["BGD", "VNM"], ["UN"],
 [L("Dhaka", "BGD"), L("Hanoi", "VNM")],
 [("Tanvir Ahmed Chowdhury", "BGD"), ("Do Quang Vinh", "VNM"), ("Abdul Momin Sarkar", "BGD")],
 ["Meghna Agro Foods Ltd.", "Mekong Grain Trading JSC"],
 ["agriculture", "consular", "health", "multilateral", "trade", "transport", "visits"],
 [Q(1400000000, "USD"), Q(300000, "tonne", "year")]))

# 4 Mongolia
oyu = P("Tserendorjiin Oyunchimeg", "Minister for Foreign Affairs", "MNG")
sen = P("Sengphet Vongsavanh", "Minister of Foreign Affairs", "LAO")
gan = P("L. Gantulga", "Prime Minister", "MNG")
d = "2028-05-16"; UB = L("Ulaanbaatar", "MNG")
put("mng-lao-mfa-2028-05-17.txt", rec("mng-lao-mfa-2028-05-17", "mng-lao-mfa-2028-05-17.txt",
 "MONGOLIA AND LAO PDR SIGN AGREEMENT ON VISA EXEMPTION", "2028-05-17",
 [E("visit", "occurred", d, L(None, "MNG"), [sen], ["LAO", "MNG"], "is paying an official visit to Mongolia on 16-18 May 2028", end="2028-05-18"),
  E("meeting", "occurred", d, UB, [oyu, sen], ["LAO", "MNG"], "held official talks with her Lao counterpart at the State House in Ulaanbaatar"),
  E("visit", "planned", None, L("Vientiane", "LAO"), [gan], ["LAO", "MNG"], "to pay an official visit to Vientiane"),
  E("agreement_signed", "occurred", d, UB, [oyu, sen], ["LAO", "MNG"], "the Ministers signed the Agreement between the Government of Mongolia"),
  E("cooperation_pledged", "occurred", d, UB, [], ["LAO", "MNG"], "to expand cooperation in education, mining and tourism"),
  E("consultations", "planned", "2029", L("Vientiane", "LAO"), [], ["LAO", "MNG"], "the first meeting of the Mongolia-Laos Intergovernmental Commission on Trade and Economic Cooperation in Vientiane in 2029"),
  E("meeting", "occurred", "2028-05-17", L(None, "MNG"), [sen, gan], ["LAO", "MNG"], "paid a courtesy call on Prime Minister L.Gantulga")],
 ["LAO", "MNG"], [],
 [L("Ulaanbaatar", "MNG"), L("Vientiane", "LAO"), L("Kharkhorin", "MNG"), L("Uvurkhangai province", "MNG")],
 [("Tserendorjiin Oyunchimeg", "MNG"), ("Sengphet Vongsavanh", "LAO"), ("L. Gantulga", "MNG")], [],
 ["consular", "education", "legal", "tourism", "trade", "visits"],
 [Q(20, "scholarship", "year")]))

# 5 OIC
ben = P("Youssef Ben Salah", "Secretary General", "OIC")
fat = P("Fatou Sanneh-Jallow", "Minister of Foreign Affairs, International Cooperation and Gambians Abroad", "GMB")
d = "2028-11-03"; JED = L("Jeddah", "SAU")
put("oic-gmb-sg-2028-11-03.txt", rec("oic-gmb-sg-2028-11-03", "oic-gmb-sg-2028-11-03.txt",
 "OIC Secretary General receives Foreign Minister of The Gambia", d,
 [E("meeting", "occurred", d, JED, [ben, fat], ["GMB", "OIC"], "received earlier today at the General Secretariat"),
  E("multilateral_meeting", "planned", "2028-12-14", L("Banjul", "GMB"), [], ["GMB", "OIC"], "the 52nd session of the Council of Foreign Ministers (CFM), to be held in Banjul on 14-15 December 2028", org="OIC", end="2028-12-15"),
  E("support_expressed", "occurred", d, JED, [ben], ["GMB", "OIC"], "The Secretary General praised the efforts of The Gambia"),
  E("cooperation_pledged", "occurred", d, JED, [ben], ["GMB", "OIC"], "affirmed the full readiness of the General Secretariat"),
  E("support_expressed", "occurred", d, JED, [fat], ["GMB", "OIC"], "thanked the OIC for its assistance to displaced persons"),
  E("multilateral_meeting", "cancelled", "2028-11-10", JED, [], ["OIC"], "originally planned for 10 November in Jeddah, has been postponed", org="OIC")],
 ["GMB"], ["IsDB", "OIC"],
 [L("Jeddah", "SAU"), L("Banjul", "GMB"), L("Upper River Region", "GMB")],
 [("Youssef Ben Salah", "OIC"), ("Fatou Sanneh-Jallow", "GMB")], [],
 ["consular", "education", "multilateral", "regional_security", "visits"],
 [Q(2000000, "USD")]))

# 6 Finland
aal = P("Elina Aaltonen", "Minister for Foreign Affairs", "FIN")
mut = P("Joseph Kiprono Mutai", "Prime Cabinet Secretary and Cabinet Secretary for Foreign and Diaspora Affairs", "KEN")
kiv = P("Sauli Kivelä", "President of the Republic", "FIN")
d = "2028-04-13"; HEL = L("Helsinki", "FIN")
put("fin-ken-um-2028-04-13.html", rec("fin-ken-um-2028-04-13", "fin-ken-um-2028-04-13.html",
 "Finland and Kenya adopt joint statement on green energy partnership", d,
 [E("meeting", "occurred", d, HEL, [aal, mut], ["FIN", "KEN"], "met in Helsinki on Thursday 13 April"),
  E("visit", "occurred", "2028-04-12", L(None, "FIN"), [mut], ["FIN", "KEN"], "Mutai is in Finland on a working visit", end="2028-04-14"),
  E("cooperation_pledged", "occurred", d, HEL, [], ["FIN", "KEN"], "Finland and Kenya commit to deepening their partnership"),
  E("support_expressed", "occurred", d, HEL, [], ["FIN", "KEN"], "Finland reiterated its support for Kenya"),
  E("support_expressed", "occurred", d, HEL, [], ["FIN", "KEN"], "Kenya expressed its appreciation for Finland"),
  E("agreement_signed", "occurred", None, None, [], ["FIN", "KEN"], "signed an agreement on a 120-megawatt hybrid power plant in Garissa"),
  E("consultations", "planned", "2028-09", L("Nairobi", "KEN"), [], ["FIN", "KEN"], "The first political consultations between the two foreign ministries"),
  E("meeting", "occurred", d, HEL, [mut, kiv], ["FIN", "KEN"], "the Kenyan Cabinet Secretary met President of the Republic Sauli")],
 ["FIN", "KEN", "SDN"], ["UN"],
 [L("Helsinki", "FIN"), L("Nairobi", "KEN"), L("Garissa", "KEN")],
 [("Elina Aaltonen", "FIN"), ("Joseph Kiprono Mutai", "KEN"), ("Sauli Kivelä", "FIN"), ("Matti Rautio", "FIN")],
 ["Finnfund", "Wärtsilä Oyj Abp", "Kenya Electricity Generating Company PLC"],
 ["education", "energy", "investment", "multilateral", "regional_security", "technology", "visits"],
 [Q(20000000, "EUR"), Q(120, "megawatt")]))

# 7 Nepal
adh = P("Ram Prasad Adhikari", "President", "NPL")
oli = P("Martín Olivera Sosa", "Ambassador Extraordinary and Plenipotentiary", "URY")
vir = P("Sanna Virkkunen-Holm", "Ambassador Extraordinary and Plenipotentiary", "FIN")
ras = P("Ahmed Al-Sabah Al-Rashidi", "Ambassador Extraordinary and Plenipotentiary", "KWT")
ghi = P("Bishnu Raj Ghimire", "Minister for Foreign Affairs", "NPL")
d = "2028-06-22"; KTM = L("Kathmandu", "NPL")
put("npl-mofa-2028-06-22.html", rec("npl-mofa-2028-06-22", "npl-mofa-2028-06-22.html",
 "Press Release on Presentation of Letters of Credence", d,
 [E("credentials", "occurred", d, KTM, [oli, adh], ["NPL", "URY"], "Ambassador Extraordinary and Plenipotentiary of the Oriental Republic of Uruguay to Nepal"),
  E("credentials", "occurred", d, KTM, [vir, adh], ["FIN", "NPL"], "Ambassador Extraordinary and Plenipotentiary of the Republic of Finland to Nepal"),
  E("credentials", "occurred", d, KTM, [ras, adh], ["KWT", "NPL"], "Ambassador Extraordinary and Plenipotentiary of the State of Kuwait to Nepal"),
  E("meeting", "occurred", d, KTM, [ras, ghi], ["KWT", "NPL"], "the Kuwaiti Ambassador called on the Foreign Minister at the Ministry"),
  E("consultations", "planned", "2028-09", KTM, [], ["KWT", "NPL"], "the Nepal-Kuwait Joint Working Group on labour in Kathmandu in September 2028")],
 ["FIN", "KWT", "NPL", "SEN", "URY"], [],
 [L("Kathmandu", "NPL"), L("New Delhi", "IND")],
 [("Ram Prasad Adhikari", "NPL"), ("Martín Olivera Sosa", "URY"), ("Sanna Virkkunen-Holm", "FIN"),
  ("Ahmed Al-Sabah Al-Rashidi", "KWT"), ("Bishnu Raj Ghimire", "NPL")], [],
 ["consular", "visits"],
 [Q(60000, "worker")]))

# 8 Iraq
rub = P("Hazim Kadhim Al-Rubaie", "Deputy Prime Minister and Minister of Foreign Affairs", "IRQ")
ach = P("Mounir Ben Achour", "Foreign Minister", "TUN")
tal = P("Nizar Jalal Talabani", "President of the Republic", "IRQ")
d = "2028-08-24"; BGW = L("Baghdad", "IRQ")
put("irq-tun-mofa-2028-08-24.html", rec("irq-tun-mofa-2028-08-24", "irq-tun-mofa-2028-08-24.html",
 "Iraqi and Tunisian Foreign Ministers sign memorandum in Baghdad", d,
 [E("visit", "occurred", d, BGW, [ach], ["IRQ", "TUN"], "who arrived in the capital on a two-day official visit", end="2028-08-25"),
  E("meeting", "occurred", d, BGW, [rub, ach], ["IRQ", "TUN"], "received in Baghdad today his Tunisian counterpart"),
  E("cooperation_pledged", "occurred", d, BGW, [rub], ["IRQ", "TUN"], "the two sides agreed to reactivate the Iraqi-Tunisian Joint Higher Committee"),
  E("agreement_signed", "occurred", d, BGW, [rub, ach], ["IRQ", "TUN"], "The two ministers signed a memorandum of understanding on political consultations"),
  E("support_expressed", "occurred", d, BGW, [ach], ["IRQ", "TUN"], "The Tunisian Minister expressed his country"),
  E("support_expressed", "occurred", d, BGW, [ach], ["IRQ", "TUN"], "its support for Iraq", org="LAS"),
  E("consultations", "planned", "2029", L("Tunis", "TUN"), [], ["IRQ", "TUN"], "the tenth session of the Joint Higher Committee will be held in Tunis in early 2029"),
  E("meeting", "occurred", d, BGW, [ach, tal], ["IRQ", "TUN"], "paid a courtesy call on the President of the Republic")],
 ["IRQ", "TUN"], ["LAS"],
 [L("Baghdad", "IRQ"), L("Tunis", "TUN")],
 [("Hazim Kadhim Al-Rubaie", "IRQ"), ("Mounir Ben Achour", "TUN"), ("Nizar Jalal Talabani", "IRQ")],
 ["Iraqi Airways", "Tunisair Express"],
 ["education", "energy", "health", "multilateral", "transport", "visits"],
 [Q(15000, "barrel", "day")]))

# 9 Peru
vil = P("Carmen Rosa Villavicencio", "Minister of Foreign Affairs", "PER")
par = P("Óscar Paredes Quispe", "Minister of Defence", "PER")
rin = P("Andrés Felipe Rincón", "Minister of Foreign Affairs", "COL")
ort = P("Luisa Fernanda Ortega", "Minister of National Defence", "COL")
d = "2028-10-13"; LIM = L("Lima", "PER")
put("per-col-rree-2028-10-13.html", rec("per-col-rree-2028-10-13", "per-col-rree-2028-10-13.html",
 "Peru and Colombia hold first 2+2 Ministerial Dialogue on border security", d,
 [E("meeting", "occurred", d, LIM, [vil, par, rin, ort], ["COL", "PER"], "for the first Peru-Colombia 2+2 Ministerial Dialogue"),
  E("cooperation_pledged", "occurred", d, LIM, [], ["COL", "PER"], "the four ministers agreed to establish a binational task force"),
  E("support_expressed", "occurred", d, LIM, [vil], ["COL", "PER"], "Foreign Minister Villavicencio thanked Colombia for its support for Peru", org="OECD"),
  E("protest", "occurred", d, LIM, [rin], ["COL", "Comandos de la Frontera"], "expressed Colombia"),
  E("consultations", "planned", "2029-02", L("Iquitos", "PER"), [], ["COL", "PER"], "the VII Peru-Colombia Binational Cabinet will take place in Iquitos in February 2029"),
  E("visit", "cancelled", "2028-10-14", L("Santa Rosa", "PER"), [ort], ["COL", "PER"], "The visit of the Colombian Defence Minister to the border town of Santa Rosa")],
 ["COL", "PER"], ["Comandos de la Frontera", "OECD"],
 [L("Lima", "PER"), L("El Estrecho", "PER"), L("Leticia", "COL"), L("Iquitos", "PER"), L("Santa Rosa", "PER")],
 [("Carmen Rosa Villavicencio", "PER"), ("Óscar Paredes Quispe", "PER"), ("Andrés Felipe Rincón", "COL"), ("Luisa Fernanda Ortega", "COL")], [],
 ["multilateral", "security", "trade", "visits"],
 [Q(24, "patrol", "year"), Q(2100000000, "USD")]))

# 10 Sri Lanka feed
nal = P("Nalin Wickramasinghe", "Minister of Foreign Affairs, Foreign Employment and Tourism", "LKA")
rai = P("Aishath Raniya", "Minister of Foreign Affairs", "MDV")
dil = P("Dilhani Senanayake", "Secretary to the Ministry of Foreign Affairs, Foreign Employment and Tourism", "LKA")
njo = P("Peter Kamau Njoroge", "Principal Secretary for Foreign Affairs", "KEN")
COL_ = L("Colombo", "LKA"); NBO = L("Nairobi", "KEN")
doc = "lka-mfa-rss-2028-09-29.xml"
i1 = rec("lka-mfa-rss-2028-09-29#1", doc, "Foreign Minister speaks with Foreign Minister of Maldives", "2028-09-29",
 [E("phone_call", "occurred", "2028-09-28", None, [nal, rai], ["LKA", "MDV"], "held a telephone conversation yesterday"),
  E("cooperation_pledged", "occurred", "2028-09-28", None, [nal], ["LKA", "MDV"], "would extend all possible assistance to the Maldives"),
  E("visit", "planned", "2028-11", COL_, [rai], ["LKA", "MDV"], "accepted an invitation to visit Colombo in November 2028")],
 ["LKA", "MDV"], [], [COL_], [("Nalin Wickramasinghe", "LKA"), ("Aishath Raniya", "MDV")], [],
 ["agriculture", "consular", "environment", "tourism", "visits"], [])
i2 = rec("lka-mfa-rss-2028-09-29#2", doc, "Sri Lanka conveys condolences to Bangladesh", "2028-09-27",
 [E("condolences", "occurred", None, None, [], ["BGD", "LKA"], "convey their deepest condolences"),
  E("aid", "occurred", "2028-09-27", None, [], ["BGD", "LKA"], "departed Colombo earlier today carrying 40 tonnes of dry rations")],
 ["BGD", "LKA"], [], [L("Sylhet", "BGD"), L("Sunamganj", "BGD"), COL_], [], [],
 ["environment"], [Q(40, "tonne")])
i3 = rec("lka-mfa-rss-2028-09-29#3", doc, "Second Sri Lanka \u2013 Kenya Joint Commission held in Nairobi", "2028-09-25",
 [E("consultations", "occurred", "2028-09-21", NBO, [dil, njo], ["KEN", "LKA"], "Kenya Joint Commission Meeting (JCM) was held in Nairobi on 21-22 September 2028", end="2028-09-22"),
  E("cooperation_pledged", "occurred", "2028-09-21", NBO, [], ["KEN", "LKA"], "the two sides agreed to cooperate in tea blending"),
  E("support_expressed", "occurred", "2028-09-21", NBO, [], ["KEN", "LKA"], "The Kenyan side expressed appreciation for the training"),
  E("consultations", "planned", "2030", COL_, [], ["KEN", "LKA"], "The Third JCM will be held in Colombo in 2030")],
 ["KEN", "LKA"], [], [NBO, COL_], [("Dilhani Senanayake", "LKA"), ("Peter Kamau Njoroge", "KEN")], [],
 ["agriculture", "education", "security", "trade", "visits"], [Q(45, "official"), Q(92000000, "USD", "year")])
G[doc] = {"id": "lka-mfa-rss-2028-09-29", "doc": "docs/" + doc, "language": "en",
          "title": "Ministry of Foreign Affairs - Sri Lanka - Press Releases", "published": "2028-09-29",
          "items": [i1, i2, i3]}

# 11 Denmark
bje = P("Mette Bjerregaard", "Minister for Development Cooperation and Global Climate Policy", "DNK")
dio = P("Aminata Diop Faye", "Minister of African Integration and Foreign Affairs", "SEN")
d = "2028-07-13"; DKR = L("Dakar", "SEN")
put("dnk-sen-um-2028-07-14.md", rec("dnk-sen-um-2028-07-14", "dnk-sen-um-2028-07-14.md",
 "Denmark and Senegal step up partnership on water and green energy", "2028-07-14",
 [E("phone_call", "occurred", d, None, [bje, dio], ["DNK", "SEN"], "held a video conference yesterday"),
  E("cooperation_pledged", "occurred", d, None, [], ["DNK", "SEN"], "The ministers agreed to launch a new strategic sector cooperation"),
  E("support_expressed", "occurred", d, None, [dio], ["DNK", "SEN"], "thanked Denmark for its contribution"),
  E("support_expressed", "occurred", d, None, [bje], ["DNK", "SEN"], "Senegal is a stable and democratic partner in a region under pressure"),
  E("visit", "planned", "2028-11", DKR, [bje], ["DNK", "SEN"], "plans to visit Dakar in November"),
  E("agreement_signed", "planned", "2028-11", DKR, [bje], ["DNK", "SEN"], "to sign the cooperation agreement")],
 ["DNK", "MLI", "SEN"], ["AfDB"],
 [L("Dakar", "SEN"), L("Thiès", "SEN")],
 [("Mette Bjerregaard", "DNK"), ("Aminata Diop Faye", "SEN")],
 ["Grundfos Holding A/S", "Vestas Wind Systems A/S"],
 ["consular", "energy", "environment", "regional_security", "visits"],
 [Q(150000000, "DKK")]))

# 12 CARICOM
fer = P("Marlon Ferreira-Gittens", "Secretary-General", "CARICOM")
tse = P("Tsehay Alemu Bekele", "Deputy Chairperson", "AU")
bak = P("Rohan Baksh", "President", "GUY")
d = "2028-11-13"; GT = L("Greater Georgetown", "GUY")
put("caricom-au-sec-2028-11-15.md", rec("caricom-au-sec-2028-11-15", "caricom-au-sec-2028-11-15.md",
 "CARICOM and African Union Commission sign MoU, set date for second Africa-CARICOM Summit", "2028-11-15",
 [E("agreement_signed", "occurred", d, GT, [fer, tse], ["AU", "CARICOM"], "signed a Memorandum of Understanding (MoU) to deepen cooperation"),
  E("visit", "occurred", None, L(None, "GUY"), [tse], ["AU", "CARICOM", "GUY"], "three-day working visit to Guyana"),
  E("support_expressed", "occurred", d, GT, [tse], ["AU", "CARICOM"], "commended the Community for its advocacy on reparatory justice"),
  E("multilateral_meeting", "planned", "2029-09-07", L("Addis Ababa", "ETH"), [], ["AU", "CARICOM"], "the second Africa-CARICOM Summit will be held in Addis Ababa", end="2029-09-08"),
  E("cooperation_pledged", "occurred", None, None, [], ["AU", "Afreximbank", "CARICOM"], "has committed USD 1.5 billion to support trade and investment", org="Afreximbank"),
  E("meeting", "occurred", "2028-11-14", L("State House", "GUY"), [bak], ["AU", "GUY"], "paid a courtesy call on the President of Guyana")],
 ["ETH", "GUY"], ["AU", "Afreximbank", "CARICOM"],
 [L("Turkeyen", "GUY"), L("Greater Georgetown", "GUY"), L("Addis Ababa", "ETH"), L("Bridgetown", "BRB"), L("Lagos", "NGA")],
 [("Marlon Ferreira-Gittens", "CARICOM"), ("Tsehay Alemu Bekele", "AU"), ("Rohan Baksh", "GUY")],
 ["Caribbean Airlines Limited", "Ethiopian Airlines Group"],
 ["culture", "health", "investment", "multilateral", "trade", "transport", "visits"],
 [Q(1500000000, "USD")]))

KINDS = {"meeting","phone_call","visit","consultations","multilateral_meeting","agreement_signed","cooperation_pledged",
         "support_expressed","credentials","condolences","congratulations","opening","aid","protest","sanction","statement","other"}
TOPICS = {"trade","investment","industry","agriculture","energy","transport","technology","finance","education","culture","health",
          "tourism","security","consular","regions","multilateral","legal","environment","visits","regional_security"}
import re
for docname, g in G.items():
    raw = open(os.path.join(B, "docs", docname), encoding="utf-8").read()
    recs = g.get("items", [g])
    for r in recs:
        for e in r["events"]:
            assert e["kind"] in KINDS, e
            assert e["evidence"] in raw, (docname, e["evidence"])
            assert not re.search(r"&[#a-z0-9]+;", e["evidence"]), e["evidence"]
            assert e["status"] in ("occurred", "planned", "cancelled")
        assert set(r["topics"]) <= TOPICS, r["topics"]
        for p in r["mentions"]["places"]:
            pass
    json.dump(g, open(os.path.join(B, "gold", docname.rsplit(".", 1)[0] + ".json"), "w", encoding="utf-8"), ensure_ascii=False, indent=2)
n_ev = sum(len(r["events"]) for g in G.values() for r in g.get("items", [g]))
n_rec = sum(len(g.get("items", [g])) for g in G.values())
print(len(G), "docs", n_rec, "records", n_ev, "events")

#!/usr/bin/env python3
"""Writes heldout10/gold/*.json from the compact tables below and checks them:
every evidence is a verbatim substring of the raw document and holds no HTML entity,
kinds/statuses/topics are in the vocabularies, sides are sorted, dates are ISO.
Written blind for attache (MIT OR Apache-2.0)."""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"meeting", "phone_call", "visit", "consultations", "multilateral_meeting", "agreement_signed",
         "cooperation_pledged", "support_expressed", "credentials", "condolences", "congratulations",
         "opening", "aid", "protest", "sanction", "statement", "other"}
TOPICS = {"trade", "investment", "industry", "agriculture", "energy", "transport", "technology", "finance",
          "education", "culture", "health", "tourism", "security", "consular", "regions", "multilateral",
          "legal", "environment", "visits", "regional_security"}


def P(name, title, country):
    return {"name": name, "title": title, "country": country}


def E(kind, status, date, date_end, loc, parts, sides, org, evidence):
    return {"kind": kind, "status": status, "date": date, "date_end": date_end,
            "location": None if loc is None else {"place": loc[0], "country": loc[1]},
            "participants": parts, "sides": sides, "organization": org, "evidence": evidence}


def M(countries, orgs, places, persons, companies):
    return {"countries": countries, "organizations": orgs,
            "places": [{"place": p, "country": c} for p, c in places],
            "persons": [{"name": n, "country": c} for n, c in persons],
            "companies": companies}


def Q(value, unit, per=None):
    return {"value": value, "unit": unit, "per": per}


def rec(id_, doc, title, published, events, mentions, topics, quantities):
    return {"id": id_, "doc": doc, "language": "en", "title": title, "published": published,
            "events": events, "mentions": mentions, "topics": topics, "quantities": quantities}


DOCS = []

# 1 ---------------------------------------------------------------- Croatia
radic = P("Tomislav Radić", "First Deputy Prime Minister and Minister of Foreign and European Affairs", "HRV")
kolaj = P("Elira Kolaj", "Minister for Europe and Foreign Affairs", "ALB")
zg = ("Zagreb", "HRV")
AH = ["ALB", "HRV"]
DOCS.append(rec(
    "hrv-alb-mvep-2029-01-17", "docs/hrv-alb-mvep-2029-01-17.txt",
    "Radić and Kolaj in Zagreb: memorandum on diplomatic training signed, support for Albania's EU path reaffirmed",
    "2029-01-17",
    [
        E("visit", "occurred", "2029-01-16", "2029-01-17", zg, [kolaj], AH, None,
          "who is paying an official visit to Croatia from 16 to 17 January"),
        E("meeting", "occurred", "2029-01-17", None, zg, [radic, kolaj], AH, None,
          "on Wednesday received his Albanian counterpart"),
        E("support_expressed", "occurred", "2029-01-17", None, zg, [radic], AH, "EU",
          "reiterated Croatia's firm backing for Albania's European path"),
        E("agreement_signed", "occurred", "2029-01-17", None, zg, [radic, kolaj], AH, None,
          "signed a Memorandum of Understanding between their ministries"),
        E("cooperation_pledged", "occurred", "2029-01-17", None, zg, [], AH, None,
          "The sides agreed to intensify joint work on the Ionian Adriatic Pipeline"),
        E("consultations", "planned", "2029-05", None, zg, [], AH, None,
          "the next session of the Committee will be held in Zagreb in May"),
        E("meeting", "occurred", "2029-01-16", None, zg,
          [P("Ivana Šarić Perković", "Speaker of the Croatian Parliament", "HRV"), kolaj], AH, None,
          "Minister Kolaj was received by the Speaker of the Croatian Parliament"),
    ],
    M(["ALB", "HRV"], ["Adriatic and Ionian Initiative", "EU"],
      [("Durrës", "ALB"), ("Tirana", "ALB"), ("Zagreb", "HRV")],
      [("Tomislav Radić", "HRV"), ("Elira Kolaj", "ALB"), ("Ivana Šarić Perković", "HRV")],
      ["Končar - Electrical Industry Inc.", "JANAF Plc"]),
    ["consular", "education", "energy", "multilateral", "trade", "visits"],
    [Q(12, "diplomat", "year"), Q(182000000, "EUR")]))

# 2 ---------------------------------------------------------------- Cambodia
sok = P("Sok Vannarith", "Deputy Prime Minister, Minister of Foreign Affairs and International Cooperation", "KHM")
kha = P("Khamphone Vongsaly", "Minister of Foreign Affairs", "LAO")
sr = ("Siem Reap", "KHM")
KL = ["KHM", "LAO"]
DOCS.append(rec(
    "khm-lao-mfaic-2029-02-21", "docs/khm-lao-mfaic-2029-02-21.txt",
    "Press Release on the Outcome of the 11th Meeting of the Joint Commission for Bilateral Cooperation",
    "2029-02-21",
    [
        E("consultations", "occurred", "2029-02-19", "2029-02-20", sr, [sok, kha], KL, None,
          "The 11th Meeting of the Joint Commission for Bilateral Cooperation (JCBC) was held in Siem Reap"),
        E("cooperation_pledged", "occurred", "2029-02-19", "2029-02-20", sr, [], KL, None,
          "agreed to work together to raise it to USD 1 billion by 2031"),
        E("support_expressed", "occurred", "2029-02-19", "2029-02-20", sr, [], KL, "UN",
          "The Cambodian side thanked the Lao side for its support"),
        E("agreement_signed", "occurred", "2029-02-20", None, sr, [sok, kha], KL, None,
          "signed the Agreed Minutes of the 11th JCBC"),
        E("meeting", "occurred", "2029-02-20", None, ("Phnom Penh", "KHM"),
          [P("Chea Sophal", "Prime Minister", "KHM"), kha], KL, None,
          "paid a courtesy call on Samdech Thipadei Chea Sophal"),
        E("consultations", "planned", "2031", None, ("Vientiane", "LAO"), [], KL, None,
          "agreed to convene the 12th JCBC in Vientiane in 2031"),
    ],
    M(["KHM", "LAO"], ["ASEAN", "MRC", "UN"],
      [("Luang Prabang", "LAO"), ("Nong Nok Khiene", "LAO"), ("Phnom Penh", "KHM"), ("Siem Reap", "KHM"),
       ("Trapeang Kriel", "KHM"), ("Vientiane", "LAO")],
      [("Sok Vannarith", "KHM"), ("Khamphone Vongsaly", "LAO"), ("Chea Sophal", "KHM")],
      ["Electricité du Cambodge", "EDL-Generation Public Company"]),
    ["energy", "multilateral", "security", "tourism", "trade", "transport", "visits"],
    [Q(612000000, "USD"), Q(1000000000, "USD"), Q(300000, "traveller", "year"), Q(1500, "megawatt")]))

# 3 ---------------------------------------------------------------- Zambia
mri = P("Juma Said Mrisho", "Minister for Foreign Affairs and East African Cooperation", "TZA")
chi = P("Bwalya Chitalu", "President", "ZMB")
phi = P("Natasha Mwansa Phiri", "Minister of Foreign Affairs and International Cooperation", "ZMB")
lsk = ("Lusaka", "ZMB")
sh = ("State House", "ZMB")
TZ = ["TZA", "ZMB"]
DOCS.append(rec(
    "zmb-tza-mfa-2029-03-14", "docs/zmb-tza-mfa-2029-03-14.html",
    "TANZANIA\u2019S FOREIGN MINISTER PAYS WORKING VISIT TO ZAMBIA, CALLS ON PRESIDENT CHITALU",
    "2029-03-14",
    [
        E("visit", "occurred", "2029-03-13", "2029-03-14", lsk, [mri], TZ, None,
          "is in Lusaka on a two-day working visit to Zambia"),
        E("meeting", "occurred", "2029-03-14", None, sh, [chi, mri], TZ, None,
          "paid a courtesy call on His Excellency Mr. Bwalya Chitalu"),
        E("support_expressed", "occurred", "2029-03-14", None, sh, [chi], TZ, "SADC",
          "President Chitalu commended Tanzania for the role it has played"),
        E("meeting", "occurred", "2029-03-13", None, lsk, [phi, mri], TZ, None,
          "held bilateral talks with his Zambian counterpart"),
        E("cooperation_pledged", "occurred", "2029-03-13", None, lsk, [], TZ, None,
          "the two Ministers agreed to fast-track the revitalisation of the railway"),
        E("consultations", "planned", "2029-08", None, ("Dodoma", "TZA"), [], TZ, None,
          "the 13th JPC will take place in Dodoma in August this year"),
    ],
    M(["TZA", "ZMB"], ["SADC", "TAZARA"],
      [("Dar es Salaam", "TZA"), ("Dodoma", "TZA"), ("Kapiri Mposhi", "ZMB"), ("Lusaka", "ZMB"),
       ("Nakonde", "ZMB"), ("State House", "ZMB"), ("Tunduma", "TZA")],
      [("Juma Said Mrisho", "TZA"), ("Bwalya Chitalu", "ZMB"), ("Neema Kassim Mwakyusa", "TZA"),
       ("Natasha Mwansa Phiri", "ZMB"), ("Chilufya Kasonde", "ZMB")],
      ["Mopani Copper Mines Plc"]),
    ["multilateral", "security", "trade", "transport", "visits"],
    [Q(1200000, "tonne", "year"), Q(1400000000, "USD")]))

# 4 ---------------------------------------------------------------- Uruguay
ech = P("Martín Echeverry", "President", "URY")
ben = P("Santiago Benítez Ayala", "President", "PRY")
fer = P("Lucía Ferreira Olmos", "Foreign Minister", "URY")
PU = ["PRY", "URY"]
DOCS.append(rec(
    "ury-pry-mrree-2029-04-10", "docs/ury-pry-mrree-2029-04-10.md",
    "Presidents Echeverry and Benítez Ayala spoke by telephone about the Hidrovía and the Mercosur summit",
    "2029-04-10",
    [
        E("phone_call", "occurred", "2029-04-09", None, None, [ech, ben, fer], PU, None,
          "held a telephone conversation yesterday afternoon"),
        E("condolences", "occurred", "2029-04-09", None, None, [ech], PU, None,
          "his condolences for the victims of the floods"),
        E("cooperation_pledged", "occurred", "2029-04-09", None, None, [], PU, None,
          "agreed to instruct their foreign ministries to present a joint proposal"),
        E("support_expressed", "occurred", "2029-04-09", None, None, [ben], PU, "ALADI",
          "thanked Uruguay for its support for Paraguay's candidacy"),
        E("multilateral_meeting", "planned", "2029-07-04", "2029-07-05", ("Montevideo", "URY"), [],
          ["ARG", "BRA", "PRY", "URY"], "Mercosur",
          "the Mercosur Summit, which Uruguay will host in Montevideo on 4 and 5 July"),
        E("phone_call", "planned", "2029-04-13", None, None, [], PU, None,
          "The Presidents agreed to speak again on Friday"),
    ],
    M(["ARG", "BRA", "PRY", "URY"], ["ALADI", "Mercosur"],
      [("Asunción", "PRY"), ("Concepción", "PRY"), ("Montevideo", "URY"), ("Presidente Hayes", "PRY")],
      [("Martín Echeverry", "URY"), ("Santiago Benítez Ayala", "PRY"), ("Lucía Ferreira Olmos", "URY")],
      []),
    ["environment", "multilateral", "trade", "transport", "visits"],
    [Q(36000000, "tonne", "year")]))

# 5 ---------------------------------------------------------------- Ecuador
vin = P("Andrés Vinueza Cárdenas", "Constitutional President", "ECU")
kim = P("Kim Do-hyun", "Ambassador Extraordinary and Plenipotentiary", "KOR")
par = P("Gabriela Paredes Jaramillo", "Minister of Foreign Affairs and Human Mobility", "ECU")
uio = ("Quito", "ECU")
EK = ["ECU", "KOR"]
DOCS.append(rec(
    "ecu-kor-mre-2029-05-09", "docs/ecu-kor-mre-2029-05-09.html",
    "President Vinueza receives the credentials of the Ambassadors of the Republic of Korea, Morocco and Switzerland",
    "2029-05-09",
    [
        E("credentials", "occurred", "2029-05-09", None, uio, [vin, kim], EK, None,
          "Kim Do-hyun, Ambassador Extraordinary and Plenipotentiary of the Republic of Korea"),
        E("credentials", "occurred", "2029-05-09", None, uio,
          [vin, P("Youssef El Alaoui", "Ambassador Extraordinary and Plenipotentiary", "MAR")], ["ECU", "MAR"], None,
          "Youssef El Alaoui, Ambassador Extraordinary and Plenipotentiary of the Kingdom of Morocco"),
        E("credentials", "occurred", "2029-05-09", None, uio,
          [vin, P("Ursula Brändli", "Ambassador Extraordinary and Plenipotentiary", "CHE")], ["CHE", "ECU"], None,
          "Ursula Brändli, Ambassador Extraordinary and Plenipotentiary of the Swiss Confederation"),
        E("meeting", "occurred", "2029-05-09", None, uio, [par, kim], EK, None,
          "Minister Paredes held a working meeting at the Ministry with Ambassador Kim"),
        E("cooperation_pledged", "occurred", "2029-05-09", None, uio, [par, kim], EK, None,
          "agreed to promote Korean investment in Ecuador's electricity transmission network"),
        E("consultations", "planned", "2029-09", None, uio, [], EK, None,
          "the first meeting of the Joint Committee established under the Agreement will be held in Quito in September"),
        E("support_expressed", "occurred", "2029-05-09", None, uio, [kim], EK, None,
          "conveyed the appreciation of his Government for Ecuador's support"),
    ],
    M(["CHE", "ECU", "HUN", "KOR", "MAR"], [],
      [("Busan", "KOR"), ("Quito", "ECU")],
      [("Andrés Vinueza Cárdenas", "ECU"), ("Kim Do-hyun", "KOR"), ("Youssef El Alaoui", "MAR"),
       ("Ursula Brändli", "CHE"), ("Gabriela Paredes Jaramillo", "ECU")],
      ["Korea Electric Power Corporation"]),
    ["education", "energy", "investment", "trade", "visits"],
    [Q(310000000, "USD"), Q(40, "scholarship", "year")]))

# 6 ---------------------------------------------------------------- Panama
aro = P("Ricardo Arosemena Vallarino", "Minister of Foreign Affairs", "PAN")
que = P("Rodolfo Quesada Arias", "Secretary General", "SICA")
pty = ("Panama City", "PAN")
SICA7 = ["BLZ", "CRI", "DOM", "GTM", "HND", "PAN", "SLV"]
DOCS.append(rec(
    "pan-sica-mire-2029-06-13", "docs/pan-sica-mire-2029-06-13.html",
    "Panama hosts SICA Council of Foreign Ministers; region adopts common approach to migration through the Darién",
    "2029-06-13",
    [
        E("multilateral_meeting", "occurred", "2029-06-12", None, pty, [aro, que], SICA7, "SICA",
          "The Council of Ministers of Foreign Affairs of the Central American Integration System (SICA) met on Tuesday in Panama City"),
        E("cooperation_pledged", "occurred", "2029-06-12", None, pty, [], SICA7, "SICA",
          "the member states committed to share migration data in real time"),
        E("agreement_signed", "occurred", "2029-06-12", None, pty,
          [que, P("Laura Mendieta", "Regional Manager for Central America, Mexico, Panama and the Dominican Republic", "IDB")],
          ["IDB", "SICA"], "SICA",
          "the Secretary General signed a Memorandum of Understanding with the Inter-American Development Bank"),
        E("meeting", "occurred", "2029-06-12", None, pty,
          [aro, P("Francisco Almonte Reyes", "Minister of Foreign Affairs", "DOM")], ["DOM", "PAN"], None,
          "held a bilateral meeting with the Minister of Foreign Affairs of the Dominican Republic"),
        E("multilateral_meeting", "planned", "2029-12", None, ("Guatemala City", "GTM"), [], SICA7, "SICA",
          "The next meeting of the Council of Ministers of Foreign Affairs will be held in Guatemala City in December 2029"),
    ],
    M(["BLZ", "CRI", "DOM", "GTM", "HND", "MEX", "NIC", "PAN", "SLV"], ["IDB", "SICA"],
      [("Darién", "PAN"), ("Guatemala City", "GTM"), ("Panama City", "PAN"), ("Tegucigalpa", "HND")],
      [("Ricardo Arosemena Vallarino", "PAN"), ("Rodolfo Quesada Arias", "SICA"), ("Laura Mendieta", "IDB"),
       ("Francisco Almonte Reyes", "DOM")],
      []),
    ["consular", "multilateral", "security", "trade", "transport", "visits"],
    [Q(520000, "person"), Q(45000000, "USD")]))

# 7 ---------------------------------------------------------------- Tunisia
bsl = P("Mohamed Ali Ben Salem", "Minister of Foreign Affairs, Migration and Tunisians Abroad", "TUN")
cas = P("Marco Castellani", "Deputy Prime Minister and Minister of Foreign Affairs and International Cooperation", "ITA")
IT = ["ITA", "TUN"]
DOCS.append(rec(
    "tun-ita-mae-2029-07-19", "docs/tun-ita-mae-2029-07-19.txt",
    "Video conference between Minister Ben Salem and Italian Deputy Prime Minister and Foreign Minister Castellani",
    "2029-07-19",
    [
        E("phone_call", "occurred", "2029-07-19", None, None, [bsl, cas], IT, None,
          "held a video conference this afternoon"),
        E("consultations", "planned", "2029-10", None, ("Rome", "ITA"), [], IT, None,
          "the second session will take place in Rome in October"),
        E("cooperation_pledged", "occurred", "2029-07-19", None, None, [bsl, cas], IT, None,
          "reaffirmed their commitment to expand legal migration pathways"),
        E("support_expressed", "occurred", "2029-07-19", None, None, [bsl], IT, None,
          "expressed appreciation for Italy's support"),
        E("visit", "cancelled", "2029-07-24", None, ("Tunis", "TUN"), [cas], IT, None,
          "has been postponed to a later date"),
    ],
    M(["ITA", "LBY", "TUN"], ["IMF"],
      [("Cap Bon", "TUN"), ("Rome", "ITA"), ("Sicily", "ITA"), ("Tunis", "TUN")],
      [("Mohamed Ali Ben Salem", "TUN"), ("Marco Castellani", "ITA")],
      ["Terna S.p.A.", "Tunisian Company of Electricity and Gas"]),
    ["consular", "energy", "finance", "regional_security", "security", "visits"],
    [Q(12000, "worker", "year"), Q(600, "megawatt")]))

# 8 ---------------------------------------------------------------- Senegal
sar = P("Ousmane Diatta Sarr", "President", "SEN")
ocs = P("Mohamed Ould Cheikh Sidi", "President", "MRT")
dia = P("Khady Ndour Diallo", "Minister of African Integration and Foreign Affairs", "SEN")
obh = P("Sidi Mohamed Ould Bah", "Minister of Foreign Affairs, Cooperation and Mauritanians Abroad", "MRT")
slr = ("Saint-Louis region", "SEN")
MS = ["MRT", "SEN"]
DOCS.append(rec(
    "sen-mrt-maese-2029-08-22", "docs/sen-mrt-maese-2029-08-22.txt",
    "Rosso bridge inaugurated by the two Heads of State: Senegal and Mauritania sign agreement on its joint management",
    "2029-08-22",
    [
        E("opening", "occurred", "2029-08-21", None, slr, [sar, ocs], MS, None,
          "yesterday inaugurated the Rosso bridge over the Senegal River"),
        E("meeting", "occurred", "2029-08-21", None, slr, [sar, ocs, dia, obh], MS, None,
          "the two leaders held a tête-à-tête"),
        E("agreement_signed", "occurred", "2029-08-21", None, slr, [dia, obh], MS, None,
          "signed the Agreement on the Joint Management and Maintenance of the Rosso Bridge"),
        E("cooperation_pledged", "occurred", "2029-08-21", None, slr, [], MS, None,
          "reaffirmed their determination to make the Grand Tortue Ahmeyim gas field"),
        E("visit", "planned", "2029-11", None, ("Nouakchott", "MRT"), [sar], MS, None,
          "accepted the invitation of his Mauritanian counterpart to pay a state visit to Nouakchott in November"),
    ],
    M(["MRT", "SEN"], ["AfDB", "EU", "OMVS"],
      [("Dakar", "SEN"), ("Nouakchott", "MRT"), ("Rosso", "SEN"), ("Saint-Louis region", "SEN")],
      [("Ousmane Diatta Sarr", "SEN"), ("Mohamed Ould Cheikh Sidi", "MRT"), ("Khady Ndour Diallo", "SEN"),
       ("Sidi Mohamed Ould Bah", "MRT")],
      ["Kosmos Energy Ltd.", "PETROSEN Holding SA"]),
    ["agriculture", "energy", "transport", "visits"],
    [Q(1.46, "km"), Q(88000000, "EUR"), Q(1500, "truck", "day"), Q(5000000, "tonne", "year")]))

# 9 ---------------------------------------------------------------- Colombia (RSS)
COLDOC = "docs/col-mfa-rss-2029-09-12.xml"
res = P("Juliana Restrepo Ospina", "Minister of Foreign Affairs", "COL")
CE = ["COL", "ECU"]
bog = ("Bogotá", "COL")
col_items = [
    rec("col-mfa-rss-2029-09-12#1", COLDOC,
        "Foreign Minister Restrepo and her Ecuadorian counterpart agree on joint border plan", "2029-09-12",
        [
            E("phone_call", "occurred", "2029-09-12", None, None, [res, par], CE, None,
              "held a telephone conversation this morning"),
            E("cooperation_pledged", "occurred", "2029-09-12", None, None, [], CE, None,
              "agreed to strengthen coordination between the armed forces and police"),
            E("meeting", "planned", "2029-10-03", None, ("Ipiales", "COL"), [], CE, None,
              "agreed to meet, together with their ministers of defence, in Ipiales"),
            E("support_expressed", "occurred", "2029-09-12", None, None, [res], CE, None,
              "thanked Ecuador for the renewal"),
        ],
        M(["COL", "ECU"], [],
          [("Bogotá", "COL"), ("Ipiales", "COL"), ("Nariño", "COL"), ("Putumayo", "COL")],
          [("Juliana Restrepo Ospina", "COL"), ("Gabriela Paredes Jaramillo", "ECU")], []),
        ["consular", "security", "visits"], []),
    rec("col-mfa-rss-2029-09-12#2", COLDOC,
        "Colombia expresses solidarity with Morocco and sends rescue team", "2029-09-11",
        [
            E("condolences", "occurred", None, None, None, [], ["COL", "MAR"], None,
              "expresses its deepest condolences to the people and Government of the Kingdom of Morocco"),
            E("aid", "planned", "2029-09-12", None, ("Marrakech", "MAR"), [], ["COL", "MAR"], None,
              "will leave tomorrow for Marrakech"),
        ],
        M(["COL", "MAR"], [],
          [("High Atlas", "MAR"), ("Marrakech", "MAR"), ("Rabat", "MAR")], [], []),
        ["consular", "environment"], [Q(38, "rescuer"), Q(12, "tonne")]),
    rec("col-mfa-rss-2029-09-12#3", COLDOC,
        "Colombia and Poland hold VII Meeting of the Mechanism of Political Consultations", "2029-09-11",
        [
            E("consultations", "occurred", "2029-09-10", None, bog,
              [P("Andrés Felipe Caicedo", "Vice Minister of Foreign Affairs", "COL"),
               P("Tomasz Wierzbicki", "Undersecretary of State", "POL")], ["COL", "POL"], None,
              "Bogotá hosted the VII Meeting of the Mechanism of Political Consultations"),
            E("support_expressed", "occurred", "2029-09-10", None, bog, [], ["COL", "POL"], None,
              "reiterated its support for the implementation of the peace agreement"),
            E("consultations", "planned", "2031", None, ("Warsaw", "POL"), [], ["COL", "POL"], None,
              "agreed to hold the VIII MPC in Warsaw in 2031"),
        ],
        M(["COL", "POL"], [], [("Bogotá", "COL"), ("Warsaw", "POL")],
          [("Andrés Felipe Caicedo", "COL"), ("Tomasz Wierzbicki", "POL")],
          ["Solaris Bus & Coach sp. z o.o."]),
        ["education", "energy", "security", "trade", "transport", "visits"], [Q(420000000, "USD")]),
]
DOCS.append({"id": "col-mfa-rss-2029-09-12", "doc": COLDOC, "language": "en",
             "title": "Cancillería de Colombia - Press Releases", "published": "2029-09-12", "items": col_items})

# 10 --------------------------------------------------------------- Estonia
ER = ["EST", "RUS"]
tll = ("Tallinn", "EST")
DOCS.append(rec(
    "est-rus-vm-2029-10-11", "docs/est-rus-vm-2029-10-11.txt",
    "Estonian Foreign Ministry summons Russian chargé d'affaires over airspace violation, expels diplomat",
    "2029-10-11",
    [
        E("protest", "occurred", "2029-10-11", None, tll,
          [P("Liina Tamm", "Undersecretary for Political Affairs", "EST"),
           P("Dmitri Konev", "Chargé d'Affaires a.i.", "RUS")], ER, None,
          "summoned the Chargé d'Affaires a.i. of the Russian Federation"),
        E("sanction", "occurred", "2029-10-11", None, tll, [], ER, None,
          "has declared a second secretary of the Russian embassy persona non grata"),
        E("support_expressed", "occurred", None, None, None,
          [P("Kristjan Lepik", "Minister of Foreign Affairs", "EST")], ["EST", "ITA"], None,
          "thanked Italy and the allies"),
        E("multilateral_meeting", "planned", "2029-12-04", "2029-12-05", ("Brussels", "BEL"), [], ["EST"], "NATO",
          "the meeting of NATO foreign ministers in Brussels on 4-5 December"),
    ],
    M(["EST", "ITA", "RUS"], ["EU", "NATO"],
      [("Brussels", "BEL"), ("Tallinn", "EST"), ("Vaindloo", "EST")],
      [("Liina Tamm", "EST"), ("Dmitri Konev", "RUS"), ("Kristjan Lepik", "EST")], []),
    ["multilateral", "security"], []))

# 11 --------------------------------------------------------------- Bahrain
mah = P("Khalid Yusuf Al Mahmood", "Undersecretary for Political Affairs", "BHR")
whi = P("Sarah Whitcombe", "Minister of State for the Middle East and North Africa", "GBR")
mnm = ("Manama", "BHR")
BG = ["BHR", "GBR"]
DOCS.append(rec(
    "bhr-gbr-mofa-2029-11-08", "docs/bhr-gbr-mofa-2029-11-08.md",
    "Joint Statement on the 14th Bahrain-United Kingdom Joint Working Group",
    "2029-11-08",
    [
        E("consultations", "occurred", "2029-11-06", "2029-11-07", mnm, [mah, whi], BG, None,
          "held the 14th meeting of the Bahrain-UK Joint Working Group (JWG) in Manama"),
        E("cooperation_pledged", "occurred", "2029-11-06", "2029-11-07", mnm, [], BG, None,
          "committed to deepening cooperation in defence and security"),
        E("support_expressed", "occurred", "2029-11-06", "2029-11-07", mnm, [], BG, "CMF",
          "The United Kingdom expressed its appreciation for the Kingdom of Bahrain's contribution"),
        E("meeting", "occurred", "2029-11-07", None, ("Gudaibiya Palace", "BHR"),
          [P("Salman bin Hamad Al Khalifa", "Crown Prince and Prime Minister", "BHR"), whi, mah], BG, None,
          "received Minister Whitcombe at Gudaibiya Palace"),
        E("consultations", "planned", "2030", None, ("London", "GBR"), [], BG, None,
          "agreed to hold the 15th meeting of the JWG in London in 2030"),
    ],
    M(["BHR", "GBR", "YEM"], ["CMF", "GCC"],
      [("Gudaibiya Palace", "BHR"), ("London", "GBR"), ("Manama", "BHR")],
      [("Khalid Yusuf Al Mahmood", "BHR"), ("Sarah Whitcombe", "GBR"), ("Salman bin Hamad Al Khalifa", "BHR")],
      ["Mumtalakat Holding Company B.S.C.(c)", "Gulf Air Group Holding B.S.C."]),
    ["education", "health", "investment", "regional_security", "security", "trade", "transport", "visits"],
    [Q(1600000000, "GBP"), Q(1000000000, "GBP"), Q(14, "flight", "week")]))

# 12 --------------------------------------------------------------- Turkmenistan
ora = P("Batyr Orazov", "Deputy Chairman of the Cabinet of Ministers, Minister of Foreign Affairs", "TKM")
kap = P("Nino Kapanadze", "Vice Prime Minister, Minister of Foreign Affairs", "GEO")
ber = P("Serdar Berdimuhamedov", "President", "TKM")
asb = ("Ashgabat", "TKM")
GT = ["GEO", "TKM"]
DOCS.append(rec(
    "tkm-geo-mfa-2029-11-20", "docs/tkm-geo-mfa-2029-11-20.html",
    "Turkmen-Georgian talks at the level of Foreign Ministers held in Ashgabat",
    "2029-11-20",
    [
        E("visit", "occurred", "2029-11-19", "2029-11-20", asb, [kap], GT, None,
          "who is in Ashgabat on an official visit on 19-20 November"),
        E("meeting", "occurred", "2029-11-20", None, asb, [ora, kap], GT, None,
          "Batyr Orazov held talks with Vice Prime Minister"),
        E("opening", "planned", "2030-01", None, None, [], GT, None,
          "the launch in January 2030 of a regular container train service"),
        E("support_expressed", "occurred", "2029-11-20", None, asb, [kap], GT, None,
          "expressed gratitude to the Turkmen side"),
        E("agreement_signed", "occurred", "2029-11-20", None, asb, [ora, kap], GT, None,
          "the Ministers signed the Programme of Cooperation"),
        E("consultations", "planned", "2030", None, ("Tbilisi", "GEO"), [], GT, None,
          "agreed to hold the next round of political consultations between the foreign ministries in Tbilisi in 2030"),
        E("meeting", "occurred", "2029-11-20", None, asb, [ber, kap], GT, None,
          "was received by President of Turkmenistan Serdar Berdimuhamedov"),
        E("visit", "planned", None, None, (None, "GEO"), [ber], GT, None,
          "an invitation from the President of Georgia to pay an official visit to Georgia"),
    ],
    M(["GEO", "TKM"], ["GUAM", "OSCE", "UN"],
      [("Ashgabat", "TKM"), ("Batumi", "GEO"), ("Poti", "GEO"), ("Tbilisi", "GEO"), ("Turkmenbashi", "TKM")],
      [("Batyr Orazov", "TKM"), ("Nino Kapanadze", "GEO"), ("Serdar Berdimuhamedov", "TKM")],
      ["JSC \"Georgian Railway\""]),
    ["energy", "multilateral", "transport", "visits"],
    [Q(1600000, "tonne"), Q(3, "train", "week")]))

# ------------------------------------------------------------------ checks and output
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ENT = re.compile(r"&[#a-zA-Z0-9]+;")


def check(r, raw, errs):
    for e in r["events"]:
        w = f'{r["id"]}: {e["kind"]} "{e["evidence"]}"'
        if e["kind"] not in KINDS: errs.append(w + " bad kind")
        if e["status"] not in {"occurred", "planned", "cancelled"}: errs.append(w + " bad status")
        for d in (e["date"], e["date_end"]):
            if d is not None and not DATE.match(d): errs.append(w + f" bad date {d}")
        if e["sides"] != sorted(e["sides"]): errs.append(w + " sides not sorted")
        if e["evidence"] not in raw: errs.append(w + " evidence not in raw file")
        if ENT.search(e["evidence"]): errs.append(w + " entity in evidence")
        for p in e["participants"]:
            if not any(p["name"].split()[-1] == q["name"].split()[-1] for q in r["mentions"]["persons"]):
                errs.append(w + f" participant {p['name']} not in persons")
    for t in r["topics"]:
        if t not in TOPICS: errs.append(f'{r["id"]}: bad topic {t}')
    for q in r["quantities"]:
        if set(q) != {"value", "unit", "per"}: errs.append(f'{r["id"]}: bad quantity {q}')


def main():
    errs = []
    os.makedirs(os.path.join(HERE, "gold"), exist_ok=True)
    n_rec = n_ev = 0
    for d in DOCS:
        raw = open(os.path.join(HERE, d["doc"]), encoding="utf-8").read()
        for r in d.get("items", [d]):
            check(r, raw, errs)
            n_rec += 1
            n_ev += len(r["events"])
        with open(os.path.join(HERE, "gold", d["id"] + ".json"), "w", encoding="utf-8") as f:
            json.dump(d, f, ensure_ascii=False, indent=2)
            f.write("\n")
    docs = sorted(os.listdir(os.path.join(HERE, "docs")))
    ids = sorted(os.path.basename(d["doc"]) for d in DOCS)
    if docs != ids: errs.append(f"docs/gold mismatch: {docs} vs {ids}")
    print(f"{len(DOCS)} documents, {n_rec} records, {n_ev} events")
    for e in errs: print("ERROR", e)
    sys.exit(1 if errs else 0)


if __name__ == "__main__":
    main()

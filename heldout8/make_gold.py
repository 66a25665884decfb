import json, os
import os
B=os.path.dirname(os.path.abspath(__file__))
def L(p,c): return {"place":p,"country":c}
def P(n,t,c): return {"name":n,"title":t,"country":c}
def E(kind,status,date,loc,parts,sides,ev,org=None,end=None):
    return {"kind":kind,"status":status,"date":date,"date_end":end,"location":loc,"participants":parts,"sides":sorted(sides),"organization":org,"evidence":ev}
def Q(v,u,per=None): return {"value":v,"unit":u,"per":per}
def rec(id,title,pub,events,countries,orgs,places,persons,companies,topics,quants):
    return {"id":id,"language":"en","title":title,"published":pub,"events":events,
      "mentions":{"countries":sorted(countries),"organizations":sorted(orgs),"places":places,
        "persons":[{"name":n,"country":c} for n,c in persons],"companies":companies},
      "topics":sorted(topics),"quantities":quants}
docs={}
# 1 Spain
car=P("Inés Carbonell","Minister for Foreign Affairs, European Union and Cooperation","ESP")
val=P("Rodrigo Valenzuela Osorio","Minister of Foreign Affairs","CHL")
M=L("Madrid","ESP"); d="2027-01-19"
docs["esp-chl-exteriores-2027-01-20.txt"]=rec("esp-chl-exteriores-2027-01-20",
 "Spain and Chile sign a memorandum on green hydrogen and agree to relaunch political consultations","2027-01-20",
 [E("meeting","occurred",d,M,[car,val],["CHL","ESP"],"received yesterday at the Palacio de Viana"),
  E("visit","occurred",None,M,[val],["CHL","ESP"],"who is on a working visit to Spain"),
  E("agreement_signed","occurred",d,M,[car,val],["CHL","ESP"],"signed a Memorandum of Understanding on cooperation in renewable hydrogen"),
  E("consultations","planned","2027-06",L("Santiago","CHL"),[],["CHL","ESP"],"the next round of the Spain-Chile Political Consultations Mechanism"),
  E("support_expressed","occurred",d,M,[val],["CHL","ESP"],"thanked Spain for its support")],
 ["CHL","ESP"],["EU"],[L("Madrid","ESP"),L("Antofagasta region","CHL"),L("Santiago","CHL")],
 [("Inés Carbonell","ESP"),("Rodrigo Valenzuela Osorio","CHL")],["Acciona Energía, S.A.","Hidrógeno Austral SpA"],
 ["energy","trade","multilateral","visits","investment"],[Q(3400000000,"EUR")])
# 2 Chile
ech=P("Martina Echeverry","Minister of Foreign Affairs, International Trade and Worship","ARG")
d="2027-02-10"
docs["chl-arg-minrel-2027-02-10.txt"]=rec("chl-arg-minrel-2027-02-10",
 "Foreign Minister Valenzuela speaks with Argentine counterpart on Patagonian wildfires",d,
 [E("phone_call","occurred",d,None,[val,ech],["ARG","CHL"],"held a telephone conversation with his counterpart from Argentina"),
  E("condolences","occurred",d,None,[val],["ARG","CHL"],"conveyed the condolences of the Government of Chile"),
  E("aid","occurred","2027-02-08",None,[],["ARG","CHL"],"a brigade of 85 Chilean firefighters"),
  E("support_expressed","occurred",d,None,[ech],["ARG","CHL"],"thanked Chile for its rapid response"),
  E("phone_call","planned",None,None,[],["ARG","CHL"],"agreed to speak again next week"),
  E("visit","planned",None,L("Buenos Aires","ARG"),[val,ech],["ARG","CHL"],"invited her colleague to visit Buenos Aires")],
 ["ARG","CHL"],[],[L("Santiago","CHL"),L("Chubut","ARG"),L("Esquel","ARG"),L("Buenos Aires","ARG"),L("Río Negro","ARG")],
 [("Rodrigo Valenzuela Osorio","CHL"),("Martina Echeverry","ARG")],[],["environment","visits"],[Q(85,"firefighter")])
# 3 Rwanda
nse=P("Jean-Paul Nsengimana","Minister of Foreign Affairs and International Cooperation","RWA")
han=P("Han Seung-min","Minister of Foreign Affairs","KOR")
d="2027-04-15"
docs["rwa-kor-minaffet-2027-04-16.txt"]=rec("rwa-kor-minaffet-2027-04-16",
 "Rwanda and the Republic of Korea hold ministerial video conference ahead of Kigali forum","2027-04-16",
 [E("phone_call","occurred",d,None,[nse,han],["KOR","RWA"],"held a video conference with the Minister of Foreign Affairs"),
  E("cooperation_pledged","occurred",d,None,[han],["KOR","RWA"],"would provide USD 18 million over three years"),
  E("support_expressed","occurred",d,None,[nse],["KOR","RWA"],"expressed appreciation for the Korean support"),
  E("consultations","planned","2027-09-09",L("Seoul","KOR"),[],["KOR","RWA"],"the first Korea-Rwanda Strategic Dialogue in Seoul on 9 September 2027"),
  E("multilateral_meeting","planned","2027-06-24",L("Kigali","RWA"),[],["KOR","RWA"],"Korea-Africa Business Forum to be held in Kigali",end="2027-06-25")],
 ["KOR","RWA"],[],[L("Kigali","RWA"),L("Seoul","KOR")],
 [("Jean-Paul Nsengimana","RWA"),("Han Seung-min","KOR")],[],["technology","health","education","trade","visits"],
 [Q(18000000,"USD"),Q(47000000,"USD")])
# 4 Thailand
phn=P("Phanuwat Srisombat","Minister of Foreign Affairs","THA")
ter=P("Teresa Villanueva-Cruz","Secretary of Foreign Affairs","PHL")
d="2027-08-18"; BK=L("Bangkok","THA")
docs["tha-phl-mfa-2027-08-19.txt"]=rec("tha-phl-mfa-2027-08-19",
 "Press Release: Outcome of the 8th Meeting of the Thailand-Philippines Joint Commission for Bilateral Cooperation","2027-08-19",
 [E("consultations","occurred",d,BK,[phn,ter],["PHL","THA"],"co-chaired the 8th Meeting of the Thailand-Philippines Joint Commission for Bilateral Cooperation (JCBC)"),
  E("cooperation_pledged","occurred",d,BK,[],["PHL","THA"],"both sides agreed to set up a working group on food security"),
  E("agreement_signed","occurred",d,BK,[phn,ter],["PHL","THA"],"witnessed the signing of a Memorandum of Understanding on Cooperation in Rice Trade"),
  E("meeting","occurred",d,L("Government House","THA"),[ter],["PHL","THA"],"paid a courtesy call on the Prime Minister of Thailand"),
  E("consultations","planned","2029",L(None,"PHL"),[],["PHL","THA"],"the 9th JCBC will take place in the Philippines in 2029")],
 ["PHL","THA"],["Thai Rice Exporters Association"],[L("Bangkok","THA"),L("Manila","PHL"),L("Nueva Ecija","PHL")],
 [("Phanuwat Srisombat","THA"),("Teresa Villanueva-Cruz","PHL")],["Siam Paddy Trading Co., Ltd."],
 ["agriculture","tourism","security","trade","investment","visits"],[Q(1200000,"tonne","year"),Q(900000000,"THB")])
# 5 ECOWAS
oka=P("Chidinma Okafor","Minister of Foreign Affairs","NGA")
dia=P("Mamadou Sow Diallo","President of the ECOWAS Commission","ECOWAS")
d="2027-06-03"; AB=L("Abuja","NGA")
docs["ecowas-msc-2027-06-05.txt"]=rec("ecowas-msc-2027-06-05",
 "ECOWAS Mediation and Security Council condemns attack on electoral commission in Bissau","2027-06-05",
 [E("multilateral_meeting","occurred",d,AB,[oka,dia],["ECOWAS","NGA"],"met at ministerial level in Abuja on Thursday and Friday",org="ECOWAS",end="2027-06-04"),
  E("protest","occurred",d,AB,[],["ECOWAS","Movement for National Salvation"],"strongly condemned the attack carried out on 28 May"),
  E("support_expressed","occurred",d,AB,[],["ECOWAS","SEN"],"commended the Government of Senegal"),
  E("visit","planned","2027-06-15",L("Bissau","GNB"),[dia],["ECOWAS","GNB"],"will travel to Bissau on 15 June 2027"),
  E("multilateral_meeting","planned","2027-12",L("Lomé","TGO"),[],["ECOWAS"],"The next ordinary session of the MSC will take place in",org="ECOWAS")],
 ["GNB","NGA","SEN","TGO"],["ECOWAS","AU","Movement for National Salvation"],
 [L("Abuja","NGA"),L("Bissau","GNB"),L("Dakar","SEN"),L("Lomé","TGO")],
 [("Chidinma Okafor","NGA"),("Mamadou Sow Diallo","ECOWAS")],[],["regional_security","multilateral","visits"],[Q(40,"expert")])
# 6 Algeria
teb=P("Abdelmadjid Tebboune","President of the Republic","DZA")
tran=P("Tran Quoc Hung","Deputy Prime Minister and Minister of Foreign Affairs","VNM")
ben=P("Karim Benhaddou","Minister of State, Minister of Foreign Affairs and the National Community Abroad","DZA")
EM=L("El Mouradia Palace","DZA"); AL=L("Algiers","DZA")
docs["dza-vnm-mfa-2027-03-08.html"]=rec("dza-vnm-mfa-2027-03-08",
 "Vietnamese Deputy Prime Minister received by the President of the Republic","2027-03-08",
 [E("meeting","occurred","2027-03-08",EM,[teb,tran],["DZA","VNM"],"received earlier today at El Mouradia Palace"),
  E("visit","occurred","2027-03-07",L(None,"DZA"),[tran],["DZA","VNM"],"who is paying an official visit to Algeria from 7 to 9 March 2027",end="2027-03-09"),
  E("support_expressed","occurred","2027-03-08",EM,[tran],["DZA","VNM"],"expressed Viet Nam"),
  E("meeting","occurred","2027-03-07",AL,[ben,tran],["DZA","VNM"],"held talks with his Vietnamese counterpart in Algiers"),
  E("cooperation_pledged","occurred","2027-03-07",AL,[],["DZA","VNM"],"pledged to raise trade"),
  E("consultations","planned","2027-10",L("Hanoi","VNM"),[],["DZA","VNM"],"convene the 12th session of the Algerian-Vietnamese Joint Intergovernmental Commission (JIC)")],
 ["DZA","VNM"],["NAM"],[L("Algiers","DZA"),L("Hanoi","VNM"),L("Hassi Messaoud","DZA"),L("Adrar","DZA")],
 [("Abdelmadjid Tebboune","DZA"),("Tran Quoc Hung","VNM"),("Karim Benhaddou","DZA")],
 ["Sonatrach","PetroVietnam Exploration Production Corporation"],
 ["trade","energy","investment","agriculture","multilateral","visits"],[Q(1300000000,"USD")])
# 7 Commonwealth
mw=P("Patricia Mwale","Commonwealth Secretary-General","Commonwealth")
d="2027-05-12"; LO=L("London","GBR")
docs["commonwealth-sec-2027-05-12.html"]=rec("commonwealth-sec-2027-05-12",
 "Commonwealth Secretary-General and Rwandan Foreign Minister discuss preparations for 2028 ministerial meeting",d,
 [E("meeting","occurred",d,LO,[mw,nse],["Commonwealth","RWA"],"today welcomed the Minister of Foreign Affairs and International Cooperation of Rwanda"),
  E("multilateral_meeting","planned","2028-03-22",L("Kigali","RWA"),[],["Commonwealth","RWA"],"which Rwanda will host in Kigali on 22 and 23 March 2028",org="Commonwealth",end="2028-03-23"),
  E("support_expressed","occurred",d,LO,[mw],["Commonwealth","RWA"],"praised Rwanda"),
  E("cooperation_pledged","occurred",d,LO,[mw],["Commonwealth","RWA"],"confirmed that the Secretariat would deploy a team of 12 advisers")],
 ["RWA"],["Commonwealth"],[L("London","GBR"),L("Kigali","RWA"),L("Geneva","CHE")],
 [("Patricia Mwale","Commonwealth"),("Jean-Paul Nsengimana","RWA")],[],
 ["culture","environment","multilateral","visits"],[Q(12,"adviser")])
# 8 Arab League
khs=P("Khaled El-Sherif","Secretary-General of the League of Arab States","Arab League")
sid=P("Sidi Mohamed Ould Bah","Minister of Foreign Affairs, Cooperation and Mauritanians Abroad","MRT")
d="2027-07-20"; CA=L("Cairo","EGY")
docs["arableague-mrt-2027-07-21.html"]=rec("arableague-mrt-2027-07-21",
 "Secretary-General meets Mauritanian Foreign Minister, condemns shelling of El Fasher","2027-07-21",
 [E("meeting","occurred",d,CA,[khs,sid],["Arab League","MRT"],"met yesterday at the General Secretariat headquarters in Cairo"),
  E("support_expressed","occurred",d,CA,[khs],["Arab League","MRT"],"commended Mauritania"),
  E("cooperation_pledged","occurred",d,CA,[khs],["Arab League","MRT"],"affirmed the readiness of the General Secretariat"),
  E("multilateral_meeting","planned","2028-05-18",L("Nouakchott","MRT"),[],["Arab League","MRT"],"the Arab Summit that Mauritania will host in Nouakchott on 18 May 2028",org="Arab League"),
  E("protest","occurred",d,CA,[khs],["Arab League","RSF"],"condemned the shelling of El Fasher"),
  E("multilateral_meeting","cancelled","2027-07-28",L("Jeddah","SAU"),[],["Arab League"],"originally planned for 28 July in Jeddah, has been cancelled",org="Arab League")],
 ["MRT","SDN"],["Arab League","RSF"],[L("Cairo","EGY"),L("Nouakchott","MRT"),L("El Fasher","SDN"),L("Jeddah","SAU")],
 [("Khaled El-Sherif","Arab League"),("Sidi Mohamed Ould Bah","MRT")],[],
 ["regional_security","multilateral","visits"],[Q(60,"civilian")])
# 9 Azerbaijan
fa=P("Farid Aliyev","Minister of Foreign Affairs","AZE")
lf=P("Lucas Ferreyra","Secretary of International Economic Relations","ARG")
d="2027-11-03"; BA=L("Baku","AZE")
docs["aze-arg-mfa-2027-11-04.html"]=rec("aze-arg-mfa-2027-11-04",
 "No:488/27, Press release on the meeting of Minister F.Aliyev with the Argentine delegation","2027-11-04",
 [E("meeting","occurred",d,BA,[fa,lf],["ARG","AZE"],"received the delegation led by Secretary of International Economic Relations"),
  E("support_expressed","occurred",d,BA,[lf],["ARG","AZE"],"expressed support for the preparation of the Azerbaijan-Latin America Business Forum"),
  E("cooperation_pledged","occurred",d,BA,[],["ARG","AZE"],"The parties agreed to expand cooperation in agriculture and energy"),
  E("consultations","planned","2027-12-02",L("Buenos Aires","ARG"),[],["ARG","AZE"],"have been postponed to 2 December 2027 in Buenos Aires")],
 ["ARG","AZE"],[],[L("Baku","AZE"),L("Karabakh","AZE"),L("Buenos Aires","ARG")],
 [("Farid Aliyev","AZE"),("Lucas Ferreyra","ARG")],["SOCAR","Yacimientos Petrolíferos Fiscales S.A."],
 ["agriculture","energy","trade","visits"],[])
# 10 Oman feed
hai=P("Haitham bin Tarik","Sultan","OMN")
i1=rec("omn-mfa-rss-2027-10-14#1","His Majesty the Sultan receives credentials of new ambassadors","2027-10-14",
 [E("credentials","occurred","2027-10-14",L("Muscat","OMN"),[hai,P("Femke van der Laan","Ambassador","NLD")],["NLD","OMN"],"received at Al Alam Palace this morning the credentials"),
  E("credentials","occurred","2027-10-14",L("Muscat","OMN"),[hai,P("Ignacio Pérez Lagos","Ambassador","CHL")],["CHL","OMN"],"the Ambassador of the Republic of Chile")],
 ["CHL","NLD","OMN"],[],[L("Muscat","OMN")],
 [("Haitham bin Tarik","OMN"),("Femke van der Laan","NLD"),("Ignacio Pérez Lagos","CHL")],[],[],[])
bad=P("Badr bin Hamad Al Busaidi","Minister of Foreign Affairs","OMN")
hau=P("Eirik Haugland","Foreign Minister","NOR"); d="2027-10-11"
i2=rec("omn-mfa-rss-2027-10-14#2","Foreign Minister holds phone call with Norwegian counterpart","2027-10-12",
 [E("phone_call","occurred",d,None,[bad,hau],["NOR","OMN"],"received on Monday a telephone call from Norwegian Foreign Minister Eirik Haugland"),
  E("support_expressed","occurred",d,None,[hau],["NOR","OMN"],"expressed Norway"),
  E("cooperation_pledged","occurred",d,None,[],["NOR","OMN"],"both sides affirmed their commitment to continue close coordination"),
  E("cooperation_pledged","occurred",d,None,[hau],["NOR","YEM"],"announced NOK 50 million in additional humanitarian funding for Yemen")],
 ["NOR","OMN","YEM"],[],[L("Muscat","OMN")],[("Badr bin Hamad Al Busaidi","OMN"),("Eirik Haugland","NOR")],[],
 ["regional_security"],[Q(50000000,"NOK")])
docs["omn-mfa-rss-2027-10-14.xml"]={"id":"omn-mfa-rss-2027-10-14","language":"en","title":"Sultanate of Oman Ministry of Foreign Affairs - News","published":"2027-10-14","items":[dict([("id",i["id"]),("doc","docs/omn-mfa-rss-2027-10-14.xml")]+[(k,v) for k,v in i.items() if k!="id"]) for i in (i1,i2)]}
# 11 Greece
kar=P("Nikos Karamanlidis","Minister of Foreign Affairs","GRC")
chr_=P("Andreas Christoforou","Foreign Minister","CYP")
gas=P("Hovik Gasparyan","Foreign Minister","ARM")
d="2027-09-22"; AT=L("Athens","GRC")
docs["grc-arm-cyp-mfa-2027-09-22.md"]=rec("grc-arm-cyp-mfa-2027-09-22",
 "Trilateral meeting of Foreign Ministers of Greece, Cyprus and Armenia in Athens",d,
 [E("multilateral_meeting","occurred",d,AT,[kar,chr_,gas],["ARM","CYP","GRC"],"hosted today in Athens the 6th Trilateral Meeting"),
  E("cooperation_pledged","occurred",d,AT,[],["ARM","CYP","GRC"],"committed to deepen cooperation in energy interconnections"),
  E("support_expressed","occurred",d,AT,[],["ARM","AZE","CYP","GRC"],"reaffirmed their support for the peace agenda"),
  E("meeting","occurred",d,AT,[kar,P("Hovik Gasparyan","Foreign Minister","ARM")],["ARM","GRC"],"held a bilateral meeting with his Armenian counterpart"),
  E("agreement_signed","occurred",d,AT,[kar,gas],["ARM","GRC"],"signed a Memorandum of Understanding on diplomatic training"),
  E("multilateral_meeting","planned","2028",L("Yerevan","ARM"),[],["ARM","CYP","GRC"],"The next trilateral meeting will be held in Yerevan in 2028")],
 ["ARM","AZE","CYP","GRC"],[],[L("Athens","GRC"),L("Yerevan","ARM"),L("Nicosia","CYP")],
 [("Nikos Karamanlidis","GRC"),("Andreas Christoforou","CYP"),("Hovik Gasparyan","ARM"),("Lilit Sahakyan","ARM")],[],
 ["energy","security","environment","education","regional_security","visits"],[])
# 12 Mexico
sol=P("Ingrid Solbakken","Prime Minister","NOR")
she=P("Claudia Sheinbaum Pardo","President","MEX")
d="2027-12-02"; MC=L("Mexico City","MEX")
docs["mex-nor-sre-2027-12-03.md"]=rec("mex-nor-sre-2027-12-03",
 "Joint Statement by Mexico and Norway on Ocean Sustainability","2027-12-03",
 [E("visit","occurred",d,MC,[sol],["MEX","NOR"],"the visit of the Prime Minister of Norway"),
  E("meeting","occurred",d,MC,[she,sol],["MEX","NOR"],"held a meeting at the National Palace"),
  E("cooperation_pledged","occurred",d,MC,[],["MEX","NOR"],"pledged to protect at least 30 percent"),
  E("agreement_signed","occurred",d,MC,[P("Ramón de la Fuente Ibarra","Foreign Secretary","MEX"),P("Eirik Haugland","Minister of Foreign Affairs","NOR")],["MEX","NOR"],"witnessed the signing of an agreement between"),
  E("visit","planned","2028",L("Oslo","NOR"),[she],["MEX","NOR"],"accepted an invitation to visit Oslo in 2028")],
 ["MEX","NOR"],["IDB","UN"],[L("Mexico City","MEX"),L("Oslo","NOR")],
 [("Ingrid Solbakken","NOR"),("Claudia Sheinbaum Pardo","MEX"),("Ramón de la Fuente Ibarra","MEX"),("Eirik Haugland","NOR")],
 ["Petróleos Mexicanos","Equinor ASA"],["environment","energy","visits"],[Q(25000000,"USD")])
import html
for fn,r in docs.items():
    raw=open(f"{B}/docs/{fn}",encoding="utf-8").read()
    r2={"id":r["id"],"doc":f"docs/{fn}"}; r2.update({k:v for k,v in r.items() if k!="id"})
    evs=[e for it in r2.get("items",[r2]) for e in it["events"]]
    for e in evs:
        if e["evidence"] not in raw: print("MISSING",fn,e["evidence"])
    json.dump(r2,open(f"{B}/gold/{r['id']}.json","w",encoding="utf-8"),ensure_ascii=False,indent=2)
print(len(docs),"gold;",sum(len([e for it in r.get('items',[r]) for e in it['events']]) for r in docs.values()),"events")

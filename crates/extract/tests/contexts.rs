//! Rules that read a person or an event from its context, each shown on a short
//! release written for the test: the title of a list item is not an apposition, an
//! official on whose behalf someone acts shares that person's country, a counterpart's
//! country is not the publisher's, "The meeting was attended by" reaches the meeting,
//! a summit that preparations are made for is an event when the sentence plans it, the
//! leader of a country's delegation is of that country, a qualified title set off by
//! commas before another name is that name's, a head of state a visitor calls on is of
//! the country where the call is paid, a visit told in a meeting's sentence is that
//! meeting's setting, a planned month lies ahead of the release, an office the
//! publisher's country does not have (a king, a prime minister) is another country's,
//! and the place of a subject of talks ("the situation in Gaza") is no event's place;
//! the leader of "the visiting delegation" is of the visiting country, "the same day"
//! inside a meeting is the meeting's day, a ceremony of several ambassadors'
//! credentials is one per ambassador's country (also when the next sentence lists
//! them), a courtesy call received from an organization's official is a meeting with
//! that organization, a commission's next session is between the same pair, and the
//! countries an attendance sentence names take part in an organization's meeting; a
//! meeting postponed to a new date is planned on that date (postponed to none: cancelled),
//! a cancelling sentence that writes another month cancels no event of its own month,
//! envoys listed one per line after a heading each present their credentials, and a contact
//! dated "in" a year before the release's is recalled, not told; a new paragraph starts back
//! where the release is set, not at a place told in passing; the object of a visit verb
//! ("visited Dakar") is where the visit goes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use attache_extract::{EventKind, Record, Status, extract};
use attache_ingest::{Document, Paragraph};

fn record(text: &str) -> Record {
    record_at(text, None)
}

/// The record of `text` published at `url`.
fn record_at(text: &str, url: Option<&str>) -> Record {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        paragraphs.push(Paragraph {
            start,
            end: start + part.len(),
        });
        start += part.len() + 2;
    }
    extract(&Document {
        id: "context".into(),
        source: "context.txt".into(),
        url: url.map(str::to_string),
        title: None,
        published: Some("2025-06-10".parse().unwrap()),
        language: "en".into(),
        text: text.to_string(),
        paragraphs,
        site: None,
        feed: None,
    })
}

/// The sides of each credentials ceremony of `r`.
fn credential_sides(r: &Record) -> Vec<Vec<String>> {
    r.events
        .iter()
        .filter(|e| e.kind == EventKind::Credentials)
        .map(|e| e.sides.to_vec())
        .collect()
}

fn country_of<'a>(r: &'a Record, name: &str) -> Option<&'a str> {
    r.actors
        .iter()
        .find(|a| a.name == name)
        .and_then(|a| a.country.as_deref())
}

#[test]
fn a_counterparts_country_is_not_the_publishers() {
    let r = record(
        "Minister of Foreign Affairs, Emigration and Egyptian Expatriates Dr. Karim Haddad \
         received today his Sudanese counterpart, Dr. Omar Salih, in Cairo. Minister Haddad \
         affirmed support for the unity of Sudan and for a Sudanese-led political process. \
         He condemned the attacks on civilians in El Fasher. The Sudanese minister thanked \
         Egypt for hosting Sudanese citizens.",
    );
    assert_eq!(
        country_of(&r, "Karim Haddad"),
        Some("EGY"),
        "{:?}",
        r.actors
    );
}

#[test]
fn greetings_of_an_official_are_from_the_subjects_country() {
    let r = record(
        "Secretary of Foreign Affairs of the Philippines Ramon Aquino visited India on 9 June. \
         Secretary Aquino called on Prime Minister Vikram Sethi and conveyed the greetings of \
         President Isabel Reyes.",
    );
    assert_eq!(
        country_of(&r, "Isabel Reyes"),
        Some("PHL"),
        "{:?}",
        r.actors
    );
}

#[test]
fn the_meeting_attended_by_reaches_the_meeting_before_a_visit() {
    let r = record(
        "ABU DHABI, 9 June 2025 – President Hamdan Al Nahyan today received President Mostafa \
         El-Din of Egypt, who is on a working visit to the country.\n\nThe meeting was \
         attended by Khalid Al Nuaimi, Minister of Foreign Affairs, and Youssef Ghaffar, \
         Minister of Foreign Affairs of Egypt.",
    );
    let meeting = r
        .events
        .iter()
        .find(|e| e.kind == EventKind::Meeting)
        .expect("a meeting");
    let names: Vec<&str> = meeting
        .participants
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert!(names.contains(&"Youssef Ghaffar"), "{names:?}");
    assert!(names.contains(&"Khalid Al Nuaimi"), "{names:?}");
}

#[test]
fn a_summit_prepared_for_and_planned_is_an_event() {
    let r = record(
        "Minister of Foreign Affairs of Kyrgyzstan Zheenbek Kulubaev met with Minister of \
         Foreign Affairs of Türkiye Hakan Fidan in Ankara on 9 June 2025.\n\nThe parties \
         discussed preparations for the Summit of the Organization of Turkic States, which \
         will be held in Gabala on 7 October 2025.",
    );
    assert!(
        r.events
            .iter()
            .any(|e| e.kind == EventKind::MultilateralMeeting && e.status == Status::Planned),
        "{:?}",
        r.events
    );
}

#[test]
fn delegations_leaders_and_the_host_called_on() {
    let r = record(
        "The 4th round of Kenya-Ghana political consultations was held in Nairobi today. The \
         Kenyan delegation was led by Principal Secretary Ambassador Wanjiru Mutua, while the \
         Ghanaian delegation was headed by Deputy Minister of Foreign Affairs Kofi Asante.\n\n\
         For his part, Deputy Minister Asante conveyed greetings from Foreign Minister Ama \
         Boateng.\n\nAt the invitation of Cabinet Secretary for Foreign Affairs Dr. Musa \
         Kiprono, the Minister of Foreign Affairs of the Republic of Ghana, H.E. Dr. Yaw \
         Mensah, will visit Kenya in July.\n\nThe sides discussed the situation in Sudan and \
         exports of cocoa to China.\n\nLater in the day, Deputy Minister Asante paid a \
         courtesy call on President Daniel Korir at State House.",
    );
    let c = |n| country_of(&r, n);
    assert_eq!(c("Kofi Asante"), Some("GHA"), "{:?}", r.actors);
    assert_eq!(c("Ama Boateng"), Some("GHA"), "{:?}", r.actors);
    assert_eq!(c("Musa Kiprono"), Some("KEN"), "{:?}", r.actors);
    assert_eq!(c("Yaw Mensah"), Some("GHA"), "{:?}", r.actors);
    assert_eq!(c("Daniel Korir"), Some("KEN"), "{:?}", r.actors);
    assert!(
        r.events.iter().any(|e| e.kind == EventKind::Meeting
            && e.participants.iter().any(|p| p.name == "Daniel Korir")),
        "{:?}",
        r.events
    );
}

#[test]
fn a_planned_month_lies_ahead_and_a_visit_in_a_meetings_sentence_is_its_setting() {
    let r = record(
        "On 9 June, Minister of Foreign Affairs of Kazakhstan Erlan Bekov held talks with \
         Minister of Foreign Affairs of Uzbekistan Aziz Karimov, who is visiting Kazakhstan \
         from 8 to 11 June, in Astana. The ministers signed a memorandum on water \
         cooperation.\n\nThe next meeting of the Intergovernmental Commission will be held in \
         Tashkent in March.",
    );
    let signed = r
        .events
        .iter()
        .find(|e| e.kind == EventKind::AgreementSigned)
        .expect("signing");
    assert_eq!(
        signed.date.map(|d| d.to_string()).as_deref(),
        Some("2025-06-09")
    );
    let next = r
        .events
        .iter()
        .find(|e| e.status == Status::Planned)
        .expect("planned");
    assert_eq!(next.date.map(|d| d.to_string()).as_deref(), Some("2026-03"));
}

#[test]
fn the_leaders_of_delegations_take_part_in_the_consultations() {
    let r = record(
        "The 5th round of political consultations between the Ministries of Foreign Affairs of \
         Kenya and Ghana was held in Nairobi today. The Kenyan delegation was led by Principal \
         Secretary Wanjiru Mutua, while the Ghanaian delegation was headed by Deputy Minister of \
         Foreign Affairs Kofi Asante.",
    );
    let c = r
        .events
        .iter()
        .find(|e| e.kind == EventKind::Consultations)
        .expect("consultations");
    let names: Vec<&str> = c.participants.iter().map(|p| p.name.as_str()).collect();
    assert!(names.contains(&"Wanjiru Mutua"), "{names:?}");
    assert!(names.contains(&"Kofi Asante"), "{names:?}");
}

#[test]
fn a_bare_title_after_an_opening_phrase_is_its_holder() {
    let r = record(
        "Prime Minister Vikram Sethi will pay an official visit to the Republic of Ghana from 5 \
         to 7 November 2025. In Accra, Prime Minister will hold talks with President Kojo \
         Mensah-Boateng on 6 November.",
    );
    let talks = r
        .events
        .iter()
        .find(|e| e.kind == EventKind::Meeting)
        .expect("talks");
    let names: Vec<&str> = talks.participants.iter().map(|p| p.name.as_str()).collect();
    assert!(names.contains(&"Vikram Sethi"), "{names:?}");
}

#[test]
fn an_office_the_publishers_country_lacks_is_anothers_and_a_subject_is_no_place() {
    let r = record_at(
        "Readout of the President's Meetings\n\nPresident Daniel Ortmann \
         met today with King Faisal Rahman at the White House to discuss the situation in \
         Gaza. The President thanked Jordan for its humanitarian work. Later, the President \
         spoke by phone with Prime Minister Helena Voss on the security of Europe; the two \
         leaders welcomed the strong ties between the United States and Sweden and agreed \
         that Sweden's defence industry will grow.",
        Some("https://www.whitehouse.gov/briefing-room/statements-releases/2025/06/10/readout/"),
    );
    assert_eq!(
        country_of(&r, "Daniel Ortmann"),
        Some("USA"),
        "{:?}",
        r.actors
    );
    assert_eq!(
        country_of(&r, "Faisal Rahman"),
        Some("JOR"),
        "{:?}",
        r.actors
    );
    assert_eq!(country_of(&r, "Helena Voss"), Some("SWE"), "{:?}", r.actors);
    let meeting = r
        .events
        .iter()
        .find(|e| e.kind == EventKind::Meeting)
        .expect("the meeting");
    let place = meeting.location.as_ref().and_then(|l| l.place.as_deref());
    assert_eq!(place, Some("White House"), "{:?}", meeting.location);
}

#[test]
fn visiting_delegations_the_same_day_and_credentials_of_several_ambassadors() {
    let text = "Ministry of Foreign Affairs of Ethiopia\n\nTalks with Kenya\n\n10 June 2025\n\n\
         State Minister Meskerem Tadesse received the Kenyan delegation in Addis Ababa on \
         9 June 2025. The visiting delegation, headed by Principal Secretary Dr. Kipchumba \
         Otieno, included officials responsible for customs. On the same day, Dr. Otieno \
         paid a courtesy call on President Taye Atske Selassie.\n\nPresident Taye Atske \
         Selassie received the credentials of two new ambassadors: Mr. Jan Novak, \
         Ambassador of the Czech Republic; and Ms. Ana Lopes, Ambassador of Portugal.";
    let r = record(text);
    assert_eq!(
        country_of(&r, "Kipchumba Otieno"),
        Some("KEN"),
        "{:?}",
        r.actors
    );
    let call = r
        .events
        .iter()
        .find(|e| {
            e.kind == EventKind::Meeting
                && e.sides.iter().any(|s| s == "KEN")
                && e.evidence.iter().any(|ev| ev.of(text).contains("courtesy"))
        })
        .expect("the courtesy call");
    assert_eq!(
        call.date.map(|d| d.to_string()).as_deref(),
        Some("2025-06-09")
    );
    let credentials = credential_sides(&r);
    assert_eq!(credentials.len(), 2, "{credentials:?}");
    assert!(credentials.iter().any(|s| s.contains(&"CZE".to_string())));
    assert!(credentials.iter().any(|s| s.contains(&"PRT".to_string())));
}

#[test]
fn ambassadors_listed_after_the_ceremony_a_courtesy_call_received_and_a_commission_met_again() {
    let text = "Accra, 10 June 2025\n\nThe President of the Republic, John Dramani Mahama, \
         yesterday received letters of credence from two newly accredited ambassadors. The \
         envoys were Mr. Jan Novak, Ambassador of the Czech Republic; and Ms. Ana Lopes, \
         Ambassador of Portugal.\n\nLater, the President received a courtesy call from the \
         President of the ECOWAS Commission, Dr. Omar Alieu Touray.\n\nMinister Ablakwa \
         co-chaired the ninth session of the Ghana-Togo Permanent Joint Commission for \
         Cooperation in Accra. The tenth session of the commission will be held in Lomé in \
         2026.";
    let r = record(text);
    let credentials = credential_sides(&r);
    assert_eq!(credentials.len(), 2, "{credentials:?}");
    assert!(credentials.iter().any(|s| s.contains(&"CZE".to_string())));
    assert_eq!(country_of(&r, "Omar Alieu Touray"), Some("ECOWAS"));
    assert!(
        r.events.iter().any(|e| e.kind == EventKind::Meeting
            && e.sides.iter().any(|s| s == "ECOWAS")
            && e.evidence
                .iter()
                .any(|ev| ev.of(text).contains("courtesy call from"))),
        "{:#?}",
        r.events
    );
    let next = r
        .events
        .iter()
        .find(|e| e.kind == EventKind::Consultations && e.status == Status::Planned)
        .expect("the commission's next session");
    assert_eq!(next.sides, ["GHA", "TGO"]);
}

#[test]
fn an_organizations_ministers_met_and_the_countries_that_attended() {
    let text = "Suva, 10 June 2025\n\nForeign Ministers of the Pacific Islands Forum (PIF) \
         met in Suva from 8 to 9 June 2025. The Forum Foreign Ministers Meeting (FFMM) was \
         chaired by Hon. Dominic Tavake, Minister of Foreign Affairs of Solomon Islands, and attended by Foreign \
         Ministers from Australia, Fiji and Tonga.";
    let r = record(text);
    let meeting = r
        .events
        .iter()
        .find(|e| e.kind == EventKind::MultilateralMeeting)
        .expect("the ministers' meeting");
    for side in ["AUS", "FJI", "SLB", "TON"] {
        assert!(
            meeting.sides.iter().any(|s| s == side),
            "{:?}",
            meeting.sides
        );
    }
    assert_eq!(
        meeting.location.as_ref().and_then(|l| l.place.as_deref()),
        Some("Suva")
    );
}

#[test]
fn a_meeting_postponed_to_a_new_date_is_planned_on_it() {
    let moved = record(
        "The political consultations between Chile and Peru, initially scheduled for 12 June, \
         have been postponed to 2 July 2025 in Lima.",
    );
    let e = moved
        .events
        .iter()
        .find(|e| e.kind == EventKind::Consultations)
        .expect("consultations");
    assert_eq!(e.status, Status::Planned, "{e:?}");
    assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2025-07-02"));
    let off = record(
        "The political consultations between Chile and Peru, initially scheduled for 12 June, \
         have been postponed to a date to be determined.",
    );
    assert!(
        off.events
            .iter()
            .any(|e| e.kind == EventKind::Consultations && e.status == Status::Cancelled),
        "{:?}",
        off.events
    );
}

#[test]
fn a_cancelling_sentence_of_another_month_leaves_a_planned_visit_planned() {
    let r = record(
        "Minister Hansen plans to visit Dakar in November to sign the agreement. The visit \
         originally foreseen for May was postponed.",
    );
    let visit = r
        .events
        .iter()
        .find(|e| e.kind == EventKind::Visit)
        .expect("visit");
    assert_eq!(visit.status, Status::Planned, "{visit:?}");
    // Without another month, the same sentence cancels it.
    let r = record("Minister Hansen plans to visit Dakar in November. The visit was postponed.");
    assert!(
        r.events
            .iter()
            .any(|e| e.kind == EventKind::Visit && e.status == Status::Cancelled),
        "{:?}",
        r.events
    );
}

#[test]
fn envoys_listed_one_per_line_after_a_heading_each_present_credentials() {
    let r = record(
        "Ambassadors-designate of three countries presented their Letters of Credence to \
         President Ram Prasad Adhikari at a ceremony held in Kathmandu today.\n\n\
         Those presenting the Letters of Credence were:\n\n\
         H.E. Mr. Martín Olivera Sosa, Ambassador Extraordinary and Plenipotentiary of \
         Uruguay to Nepal;\n\n\
         H.E. Ms. Sanna Virkkunen-Holm, Ambassador Extraordinary and Plenipotentiary of \
         Finland to Nepal;\n\n\
         H.E. Mr. Ahmed Al-Rashidi, Ambassador Extraordinary and Plenipotentiary of Kuwait \
         to Nepal.",
    );
    let mut sides = credential_sides(&r);
    sides.sort();
    assert_eq!(
        sides,
        vec![
            vec!["FIN".to_string(), "NPL".to_string()],
            vec!["KWT".to_string(), "NPL".to_string()],
            vec!["NPL".to_string(), "URY".to_string()],
        ]
    );
}

#[test]
fn a_contact_dated_to_an_earlier_year_is_recalled_not_told() {
    let r = record(
        "The Second Session of the Sri Lanka - Kenya Joint Commission Meeting (JCM) was held \
         in Nairobi on 3-4 June 2025.\n\nThe first JCM was held in Colombo in 2019. The Third \
         JCM will be held in Colombo in 2027.",
    );
    let mut seen: Vec<(Status, Option<String>)> = r
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Consultations)
        .map(|e| (e.status, e.date.map(|d| d.to_string())))
        .collect();
    seen.sort_by_key(|(_, d)| d.clone());
    assert_eq!(
        seen,
        vec![
            (Status::Occurred, Some("2025-06-03".to_string())),
            (Status::Planned, Some("2027".to_string())),
        ]
    );
}

#[test]
fn a_place_told_in_passing_does_not_set_the_next_paragraph() {
    let r = record(
        "Minister for Foreign Affairs Elina Aaltonen and Cabinet Secretary for Foreign Affairs \
         of Kenya Joseph Mutai met in Helsinki on 10 June.\n\nOn the margins of the visit, two \
         companies signed an agreement on a power plant in Garissa.\n\nEarlier in the day, the \
         Kenyan Cabinet Secretary met President of the Republic Sauli Kivela at the \
         Presidential Palace.",
    );
    let sauli = r.actors.iter().find(|a| a.name == "Sauli Kivela");
    assert_eq!(
        sauli.and_then(|a| a.country.as_deref()),
        Some("FIN"),
        "{:?}",
        r.actors
    );
}

#[test]
fn the_object_of_a_visit_verb_is_where_the_visit_goes() {
    let r = record("Minister Bjerregaard visited Dakar on Monday.");
    let visit = r
        .events
        .iter()
        .find(|e| e.kind == EventKind::Visit)
        .expect("visit");
    let place = visit.location.as_ref().and_then(|l| l.place.as_deref());
    assert_eq!(place, Some("Dakar"), "{visit:?}");
    // A country named by the verb wins over a place of another country in the sentence.
    let r = record(
        "Minister Nakahara will visit Viet Nam in December, after the meeting to be held in \
         Tokyo.",
    );
    let visit = r
        .events
        .iter()
        .find(|e| e.kind == EventKind::Visit)
        .expect("visit");
    let country = visit.location.as_ref().and_then(|l| l.country.as_deref());
    assert_eq!(country, Some("VNM"), "{visit:?}");
}

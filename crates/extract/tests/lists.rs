//! Readouts that list their participants: a Markdown page whose lines end in hard
//! breaks, read by attache-ingest, then extracted. Every listed person is a person of
//! the record and a participant of the meeting told before the list; firms named by
//! "CEO of …" are companies; associations in the list are not persons.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use attache_extract::{EventKind, extract};
use attache_ingest::{Options, parse_bytes};

const PAGE: &str = "---\ntitle: Readout of the Secretary's Meeting with Port Operators\n\
date: '2024-03-05'\nsource_url: https://www.example.gov/readouts/2024/03/05/ports/\n---\n\n\
Secretary of Commerce Gina Raimondo met today with port operators and shippers to discuss\n\
supply chain resilience and investments in ports.\n\n\
Participants in the meeting:\n\n\
-   Maria Okafor, Co-Founder and CEO of the Harbor Freight Exchange\n\
-   Daniel Brandt, President, Gulf Coast Terminal Operators Association\n\
-   Priya Ramaswamy, Chief Operating Officer, Port of Longview\n\n\
Attendees from the Department included:  \n\
Deputy Secretary Don Graves  \n\
Chief of Staff Jed Kolko  \n";

#[test]
fn listed_people_are_persons_and_participants() {
    let docs = parse_bytes("ports.md", PAGE.as_bytes(), &Options::default()).unwrap();
    let record = extract(&docs[0]);
    let persons: Vec<&str> = record.actors.iter().map(|a| a.name.as_str()).collect();
    for name in [
        "Maria Okafor",
        "Daniel Brandt",
        "Priya Ramaswamy",
        "Gina Raimondo",
    ] {
        assert!(persons.contains(&name), "{name} missing from {persons:?}");
    }
    assert!(
        !persons
            .iter()
            .any(|p| p.contains("Terminal") || p.contains("Harbor")),
        "organizations taken for persons: {persons:?}"
    );
    let meeting = record
        .events
        .iter()
        .find(|e| e.kind == EventKind::Meeting)
        .expect("the meeting");
    let participants: Vec<&str> = meeting
        .participants
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    for name in [
        "Maria Okafor",
        "Daniel Brandt",
        "Priya Ramaswamy",
        "Gina Raimondo",
    ] {
        assert!(
            participants.contains(&name),
            "{name} not a participant: {participants:?}"
        );
    }
    let companies: Vec<&str> = record
        .mentions
        .iter()
        .filter(|m| m.kind == attache_extract::MentionKind::Company)
        .map(|m| m.surface.as_str())
        .collect();
    assert!(
        companies.contains(&"Harbor Freight Exchange"),
        "{companies:?}"
    );
}

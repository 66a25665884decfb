//! Integration tests of the gazetteer data and matcher: data integrity and counts, names of
//! the seed release, ambiguous names, and a throughput figure over the White House readouts.

#![allow(clippy::unwrap_used)]

use std::collections::HashSet;

use attache_lexicon::{CountryForm, HitKind, Lexicon, PlaceKind, Rank, lexicon};

fn labels(text: &str) -> Vec<String> {
    lexicon()
        .find(text)
        .into_iter()
        .map(|h| match h.what {
            HitKind::Country { iso3, .. } => iso3.to_string(),
            HitKind::Place(p) => format!("place:{}", p.name),
            HitKind::Organization(o) => format!("org:{}", o.reported_key()),
            HitKind::Title(t) => format!("title:{}", t.canonical),
            _ => "other".to_string(),
        })
        .collect()
}

#[test]
fn data_parses_and_counts() {
    let lex = Lexicon::build().unwrap();
    let countries: Vec<_> = lex.countries().collect();
    let members = countries.iter().filter(|c| c.status == "un_member").count();
    assert_eq!(members, 193, "UN member states");
    assert!(countries.iter().any(|c| c.iso3 == "VAT") && countries.iter().any(|c| c.iso3 == "PSE"));
    for iso in ["TWN", "XKX", "HKG", "ESH", "MAC", "PRI", "GRL"] {
        assert!(lex.country(iso).is_some(), "{iso}");
    }
    assert!(countries.len() >= 220, "{}", countries.len());
    let mut seen = HashSet::new();
    for c in &countries {
        assert!(seen.insert(c.iso3), "duplicate {}", c.iso3);
        assert!(!c.name.is_empty() && !c.capital.is_empty() && !c.official.is_empty());
    }
    let orgs: Vec<_> = lex.organizations().collect();
    assert!(orgs.len() >= 150, "{}", orgs.len());
    let keys: HashSet<_> = orgs.iter().map(|o| o.key).collect();
    assert_eq!(keys.len(), orgs.len(), "duplicate organization keys");
    for o in &orgs {
        if let Some(p) = o.parent {
            assert!(keys.contains(p), "{} has unknown parent {p}", o.key);
        }
    }
    for t in lex.titles() {
        if let Some(o) = t.org {
            assert!(
                keys.contains(o),
                "title {} has unknown org {o}",
                t.canonical
            );
        }
    }
    let places: Vec<_> = lex.places().collect();
    assert!(places.len() >= 2000, "{}", places.len());
    let isos: HashSet<_> = countries.iter().map(|c| c.iso3).collect();
    for p in &places {
        if let Some(c) = p.country {
            assert!(isos.contains(c), "{} has unknown country {c}", p.name);
        }
    }
    // Every country's capital is a place of that country, except capitals whose names are
    // common words or given names (stoplisted in scripts/gen_places.py).
    let word_capitals = ["Victoria", "Hamilton", "The Valley", "Stanley", "Douglas"];
    for c in countries
        .iter()
        .filter(|c| !word_capitals.contains(&c.capital))
    {
        assert!(
            places
                .iter()
                .any(|p| p.country == Some(c.iso3) && p.kind == PlaceKind::Capital),
            "no capital place for {}",
            c.iso3
        );
    }
}

#[test]
fn seed_names_resolve() {
    let lex = lexicon();
    for (name, iso) in [
        ("Belarus", "BLR"),
        ("Republic of Kazakhstan", "KAZ"),
        ("Kazakh", "KAZ"),
        ("Belarusian", "BLR"),
        ("Republic of Belarus", "BLR"),
    ] {
        assert_eq!(
            lex.country_by_name(name).map(|c| c.iso3),
            Some(iso),
            "{name}"
        );
    }
    for (name, iso) in [("Astana", "KAZ"), ("Kostanai", "KAZ"), ("Kokshetau", "KAZ")] {
        assert_eq!(
            lex.place_by_name(name).and_then(|p| p.country),
            Some(iso),
            "{name}"
        );
    }
    for key in ["CIS", "EAEU", "SCO", "CSTO", "CICA", "UN", "OSCE"] {
        assert!(lex.organization(key).is_some(), "{key}");
    }
    assert_eq!(
        lex.title("Minister of Foreign Affairs").map(|t| t.rank),
        Some(Rank::Minister)
    );
    assert_eq!(
        lex.title("Deputy Prime Minister").map(|t| t.rank),
        Some(Rank::DeputyHead)
    );

    let seed = "planned on May 27, 2024 in Kostanai, as well as the opening, planned on May 28, \
                2024 in Kokshetau. The prospects for intensifying cooperation in the integration \
                structures - CIS, EAEU, SCO, CSTO, CICA, as well as further coordination at the \
                UN and OSCE platforms were considered.";
    assert_eq!(
        labels(seed),
        [
            "place:Kostanai",
            "place:Kokshetau",
            "org:CIS",
            "org:EAEU",
            "org:SCO",
            "org:CSTO",
            "org:CICA",
            "org:UN",
            "org:OSCE"
        ]
    );
}

#[test]
fn ambiguous_names() {
    assert_eq!(labels("Oman and Romania"), ["OMN", "ROU"]);
    assert_eq!(
        labels("Chadwick met Chad's envoy"),
        ["TCD", "title:Special Envoy"]
    );
    assert_eq!(labels("Niger and Nigeria"), ["NER", "NGA"]);
    assert_eq!(
        labels("Papua New Guinea, Guinea-Bissau, Equatorial Guinea, Guinea"),
        ["PNG", "GNB", "GNQ", "GIN"]
    );
    assert_eq!(
        labels("the Democratic Republic of the Congo and the Republic of the Congo"),
        ["COD", "COG"]
    );
    assert_eq!(
        labels("North Korea, the DPRK, South Korea, the Republic of Korea, Korean"),
        ["PRK", "PRK", "KOR", "KOR", "KOR"]
    );
    assert_eq!(labels("Democratic People's Republic of Korea"), ["PRK"]);
    assert_eq!(labels("Sudan and South Sudan"), ["SDN", "SSD"]);
    assert_eq!(
        labels("Dominica and the Dominican Republic"),
        ["DMA", "DOM"]
    );
    assert_eq!(
        labels("Georgia, Turkey, Türkiye, Jordan"),
        ["GEO", "TUR", "TUR", "JOR"]
    );
    assert_eq!(labels("Washington, D.C."), ["place:Washington"]);
    assert_eq!(labels("in Washington"), ["place:Washington"]);
    assert_eq!(
        labels("Latin America and the Middle East"),
        Vec::<String>::new()
    );
    assert_eq!(labels("turkey and china"), Vec::<String>::new());
    assert_eq!(
        labels("Burma, Swaziland, Ivory Coast, Côte d\u{2019}Ivoire"),
        ["MMR", "SWZ", "CIV", "CIV"]
    );
    assert_eq!(
        labels("the U.S. and the UK, Britain"),
        ["USA", "GBR", "GBR"]
    );
    assert_eq!(
        labels("Taiwan, Palestinian Authority, Kosovo, Hong Kong, Western Sahara"),
        ["TWN", "PSE", "XKX", "HKG", "ESH"]
    );
    assert_eq!(
        labels("Emirati, Kazakhstani, Uzbek, Kyrgyz, Tajik, French"),
        ["ARE", "KAZ", "UZB", "KGZ", "TJK", "FRA"]
    );
    assert_eq!(
        labels("Kiev, Kyiv, Nur-Sultan, Alma-Ata, Kostanay, Kahramanmaras"),
        [
            "place:Kyiv",
            "place:Kyiv",
            "place:Astana",
            "place:Almaty",
            "place:Kostanai",
            "place:Kahramanmaraş"
        ]
    );
    assert_eq!(
        labels("Gaza Strip, West Bank, Nagorno-Karabakh, Crimea"),
        [
            "place:Gaza Strip",
            "place:West Bank",
            "place:Nagorno-Karabakh",
            "place:Crimea"
        ]
    );
    assert_eq!(
        labels("Tashkent region and Akmola region"),
        ["place:Tashkent Region", "place:Akmola Region"]
    );
}

#[test]
fn organizations_and_bodies() {
    assert_eq!(
        labels(
            "the World Food Programme, UNRWA, the UN Security Council, the European Commission and the G-7"
        ),
        ["org:UN", "org:UN", "org:UN", "org:EU", "org:G7"]
    );
    assert_eq!(
        labels("Group of Seven, G20, OPEC+, Hamas, Hezbollah"),
        [
            "org:G7",
            "org:G20",
            "org:OPEC+",
            "org:Hamas",
            "org:Hezbollah"
        ]
    );
    let lex = lexicon();
    assert_eq!(
        lex.organization_by_name("Eurasian Economic Union")
            .map(|o| o.key),
        Some("EAEU")
    );
    assert_eq!(
        lex.organization_by_name("Commonwealth of Independent States")
            .map(|o| o.key),
        Some("CIS")
    );
}

#[test]
fn titles_in_variants() {
    for t in [
        "Minister of Foreign Affairs",
        "Foreign Minister",
        "foreign minister",
        "Minister for Foreign Affairs",
        "Minister for Europe and Foreign Affairs",
        "Acting Minister of Foreign Affairs",
    ] {
        assert_eq!(labels(t), ["title:Minister of Foreign Affairs"], "{t}");
    }
    assert_eq!(
        labels("Deputy Prime Minister – Minister of Foreign Affairs"),
        [
            "title:Deputy Prime Minister",
            "title:Minister of Foreign Affairs"
        ]
    );
    assert_eq!(
        labels("Secretary of Defense"),
        ["title:Minister of Defence"]
    );
    assert_eq!(
        labels("President of the European Commission"),
        ["title:President of the European Commission"]
    );
    let lex = lexicon();
    let t = lex.title("european commission president").unwrap();
    assert_eq!((t.org, t.sector), (Some("EU"), "IGO"));
    assert_eq!(
        lex.title("National Security Advisor").map(|t| t.rank),
        Some(Rank::Adviser)
    );
    assert_eq!(
        lex.title("Chargé d’affaires").map(|t| t.rank),
        Some(Rank::Diplomat)
    );
}

#[test]
fn country_forms() {
    let hits = lexicon().find("the Republic of Belarus and Belarusian and UAE");
    let forms: Vec<_> = hits
        .iter()
        .filter_map(|h| match h.what {
            HitKind::Country { form, .. } => Some(form),
            _ => None,
        })
        .collect();
    assert_eq!(
        forms,
        [
            CountryForm::OfficialName,
            CountryForm::Adjective,
            CountryForm::Abbreviation
        ]
    );
}

/// Throughput over the White House readouts (skipped when ../shared is absent).
#[test]
fn throughput_over_readouts() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/real/wh-readouts"
    );
    let Ok(entries) = std::fs::read_dir(dir) else {
        println!("skipping: {dir} not found");
        return;
    };
    let texts: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let lex = lexicon();
    let start = std::time::Instant::now();
    let mut n = 0;
    for t in &texts {
        n += lex.find(t).len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "lexicon find: {} docs, {:.1} MB, {n} hits, {:.3} s, {:.1} MB/s",
        texts.len(),
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs
    );
    assert!(n > texts.len());
}

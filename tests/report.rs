//! `newsx report`: the figures of the page against counts made here from the CSV tables, the
//! page's frame (self-contained, every section, capped lists), and the page in a real Chromium.

mod chromium;
mod common;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use common::{ok, stderr, Work};
use serde_json::{json, Value};

/// Articles written for these tests, with the metadata a JSON Lines input carries.
fn articles() -> Vec<Value> {
    vec![
        json!({"id": "a1", "outlet": "Harbour Gazette", "published": "2026-03-04",
            "text": "Ferry fares rise again\n\n\"We cannot keep the boats running at these prices,\" \
said Marta Oyelaran, who chairs the ferry board. A senior port official said the increase had been \
expected for months. \"It is the fuel,\" the official said. The Harbour Authority said in a statement \
that timetables would not change."}),
        json!({"id": "a2", "outlet": "Harbour Gazette", "published": "March 20, 2026",
            "text": "Council delays vote on the bridge\n\nCouncillors said that the vote would wait \
until spring. \"Nobody should rush a decision of this size,\" said Tomasz Wielgosz, the council \
leader. Two people familiar with the talks said the builders had asked for more time. Marta \
Oyelaran said the ferries would carry the extra traffic."}),
        json!({"id": "a3", "outlet": "Northern Ledger", "published": "2026-04-11T08:00:00Z",
            "text": "Snow closes the mountain road\n\nThe road agency said the pass would stay shut \
through the weekend. \"We have never seen drifts like this in April,\" said Ines Caldwell, a \
snowplough driver. A police spokesman said two cars had been pulled out of the snow."}),
        json!({"id": "a4", "published": "someday",
            "text": "A quiet week at the museum\n\nThe museum reopened its east wing after repairs."}),
    ]
}

fn extract(w: &Work, lines: &[Value], extra: &[&str]) {
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    w.write("in.jsonl", input);
    let mut args = vec!["extract", "in.jsonl", "-o", "out", "-q"];
    args.extend_from_slice(extra);
    ok(&w.run(&args));
}

/// The figures the page carries as JSON.
fn figures(html: &str) -> Value {
    let start = html
        .find("<script type=\"application/json\" id=\"newsx-figures\">")
        .expect("figures block");
    let body = &html[start..];
    let body = &body[body.find('>').unwrap() + 1..body.find("</script>").unwrap()];
    serde_json::from_str(body).unwrap()
}

fn report(w: &Work, dir: &str) -> (String, Value) {
    ok(&w.run(&["report", dir, "-q"]));
    let html = w.read(&format!("{dir}/report.html"));
    let f = figures(&html);
    (html, f)
}

/// The outlets (or months) of a `Groups` figure, in page order.
fn labels(groups: &Value) -> Vec<&str> {
    groups["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[0].as_str().unwrap())
        .collect()
}

const KINDS: [&str; 5] = ["named", "anonymous", "organization", "unresolved", "none"];

#[test]
fn report_figures_match_counts_made_from_the_csv_tables() {
    let w = Work::new();
    extract(&w, &articles(), &[]);
    let (_, f) = report(&w, "out");

    // Counted here, independently, from the rows of quotes.csv and articles.csv.
    let quotes = w.csv("out/quotes.csv");
    let mut quote_kinds: HashMap<String, u64> = HashMap::new();
    let mut sources: HashSet<(String, String, String)> = HashSet::new();
    for q in &quotes {
        *quote_kinds.entry(q["speaker_kind"].clone()).or_default() += 1;
        if !q["speaker"].is_empty() {
            sources.insert((
                q["article_id"].clone(),
                q["speaker_kind"].clone(),
                q["speaker"].clone(),
            ));
        }
    }
    let mut source_kinds: HashMap<String, u64> = HashMap::new();
    for (_, kind, _) in &sources {
        *source_kinds.entry(kind.clone()).or_default() += 1;
    }
    assert_eq!(f["articles"], 4);
    assert_eq!(f["quotes"], quotes.len() as u64);
    for (i, k) in KINDS.iter().enumerate() {
        assert_eq!(
            f["all"]["quotes"][i].as_u64().unwrap(),
            quote_kinds.get(*k).copied().unwrap_or(0),
            "quotes of kind {k}"
        );
        assert_eq!(
            f["all"]["sources"][i].as_u64().unwrap(),
            source_kinds.get(*k).copied().unwrap_or(0),
            "sources of kind {k}"
        );
    }
    let sentences: u64 = w
        .csv("out/articles.csv")
        .iter()
        .map(|a| a["sentences"].parse::<u64>().unwrap())
        .sum();
    assert_eq!(f["sentences"], sentences);

    // Marta Oyelaran speaks in two articles: one person, two articles, traced to both.
    let marta = f["people"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Marta Oyelaran")
        .expect("Marta Oyelaran among the people");
    assert_eq!(marta["articles"], 2);
    assert_eq!(marta["sample_ids"], json!(["a1", "a2"]));
    let quoted: u64 = quotes
        .iter()
        .filter(|q| q["speaker"] == "Marta Oyelaran")
        .count() as u64;
    assert_eq!(marta["value"], quoted);

    // Two outlets and the article without one; three readable months and "someday".
    let outlets = &f["outlets"];
    assert_eq!(labels(outlets), ["Harbour Gazette", "Northern Ledger"]);
    assert_eq!(outlets["rows"][0][1]["articles"], 2);
    assert_eq!(outlets["without"]["articles"], 1);
    assert_eq!(labels(&f["months"]), ["2026-03", "2026-04"]);
    assert_eq!(f["months"]["rows"][0][1]["articles"], 2);
    assert_eq!(f["unreadable_months"], 1);
    assert_eq!(f["unreadable_example"], "someday");

    // The articles ranked by unnamed sources are those with one, most first.
    let with_unnamed: HashSet<&str> = sources
        .iter()
        .filter(|s| s.1 == "anonymous")
        .map(|s| s.0.as_str())
        .collect();
    assert_eq!(f["articles_with_unnamed"], with_unnamed.len() as u64);
    let ranked: Vec<u64> = f["unnamed_articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["anonymous_sources"].as_u64().unwrap())
        .collect();
    assert_eq!(ranked.len(), with_unnamed.len());
    assert!(ranked.windows(2).all(|p| p[0] >= p[1]), "{ranked:?}");

    // Entities by type add up the mentions column of entities.csv.
    let mut by_type: BTreeMap<String, u64> = BTreeMap::new();
    for e in w.csv("out/entities.csv") {
        *by_type.entry(e["type"].clone()).or_default() += e["mentions"].parse::<u64>().unwrap();
    }
    for t in f["entity_types"].as_array().unwrap() {
        assert_eq!(
            t["mentions"],
            by_type[t["kind"].as_str().unwrap()],
            "{}",
            t["kind"]
        );
    }
}

#[test]
fn report_page_is_self_contained_and_has_every_section() {
    let w = Work::new();
    extract(&w, &articles(), &[]);
    let (html, _) = report(&w, "out");
    for section in [
        "totals", "sources", "gender", "people", "outlets", "months", "entities", "phrases",
        "unnamed", "method",
    ] {
        assert!(
            html.contains(&format!("<section id=\"{section}\"")),
            "{section}"
        );
    }
    for outside in ["<link", " src=", "url(", "@import", "http://", "https://"] {
        assert!(
            !html.contains(outside),
            "the page refers outside itself: {outside}"
        );
    }
    assert!(html.contains("Content-Security-Policy"));
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the JSON figures block"
    );
    // quotes.csv has the gender columns: the section shows the shares and what they rest on
    assert!(!html.contains("Not available in this output"));
    assert!(html.contains("What each known gender rests on"));
}

#[test]
fn report_goes_to_dir_report_html_or_to_the_file_given() {
    let w = Work::new();
    extract(&w, &articles()[..1], &[]);
    let out = w.run(&["report", "out"]);
    ok(&out);
    assert!(stderr(&out).contains("report.html"), "{}", stderr(&out));
    assert!(w.path("out/report.html").is_file());
    ok(&w.run(&["report", "out", "-o", "elsewhere.html", "-q"]));
    assert_eq!(w.read("elsewhere.html"), w.read("out/report.html"));
    assert!(
        !w.path(".elsewhere.html.tmp").exists(),
        "staged file left behind"
    );
}

#[test]
fn report_of_a_folder_without_tables_names_the_missing_file() {
    let w = Work::new();
    std::fs::create_dir_all(w.path("empty")).unwrap();
    let out = w.run(&["report", "empty"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("articles.csv: not found"),
        "{}",
        stderr(&out)
    );
    w.write("odd/articles.csv", "id,text\nx,y\n");
    let out = w.run(&["report", "odd"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no `article_id` column"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn report_of_one_article_without_metadata_reads() {
    let w = Work::new();
    w.write(
        "one.txt",
        "\"The pool opens in June,\" said Ada Quennell, the parks director.\n",
    );
    ok(&w.run(&["extract", "one.txt", "-o", "out", "-q"]));
    let (html, f) = report(&w, "out");
    assert_eq!(f["articles"], 1);
    assert_eq!(f["people"]["rows"][0]["name"], "Ada Quennell");
    assert!(f["outlets"].is_null() && f["months"].is_null());
    assert!(html.contains("No outlets in this output"));
    assert!(html.contains("No dates in this output"));
    assert!(html.contains("1 article<"), "singular for one article");
}

#[test]
fn excel_tables_give_the_same_figures_as_plain_ones() {
    let mut lines = articles();
    lines[0]["outlet"] = json!("=Harbour Gazette");
    lines[1]["outlet"] = json!("=Harbour Gazette");
    let plain = Work::new();
    extract(&plain, &lines, &[]);
    let excel = Work::new();
    extract(&excel, &lines, &["--excel"]);
    assert!(excel.read("out/articles.csv").contains("'=Harbour Gazette"));
    let (_, a) = report(&plain, "out");
    let (_, b) = report(&excel, "out");
    assert_eq!(a, b);
    assert_eq!(a["outlets"]["rows"][0][0], "=Harbour Gazette");
}

/// Tables as an extract run with speaker gender writes them (issue 11's columns), by hand.
fn gendered_tables(w: &Work, excel: bool) {
    let (bom, end) = if excel {
        ("\u{feff}", "\r\n")
    } else {
        ("", "\n")
    };
    let table = |name: &str, rows: &[&str]| {
        let body: String = rows.iter().map(|r| format!("{r}{end}")).collect();
        w.write(&format!("g/{name}"), format!("{bom}{body}"));
    };
    table(
        "articles.csv",
        &[
            "article_id,title,sentences,quotes,outlet,published",
            "g1,One,3,3,Ledger,2026-05-01",
            "g2,Two,2,2,Ledger,2026-06-01",
        ],
    );
    table(
        "quotes.csv",
        &[
            "article_id,quote_id,type,speaker,speaker_kind,text,speaker_gender,speaker_gender_from",
            "g1,q1,direct,Ana Ruiz,named,x,female,pronoun",
            "g1,q2,direct,Ana Ruiz,named,y,female,honorific",
            "g1,q3,indirect,Li Wei,named,z,unknown,",
            "g2,q1,direct,Ana Ruiz,named,x,female,title",
            "g2,q2,direct,a spokeswoman,anonymous,w,female,title",
        ],
    );
}

#[test]
fn gender_shares_show_the_unknown_and_what_each_rests_on() {
    for excel in [false, true] {
        let w = Work::new();
        gendered_tables(&w, excel);
        let (html, f) = report(&w, "g");
        let g = &f["gender"];
        // Ana Ruiz in g1 and g2 (two sources), Li Wei in g1
        assert_eq!(g["named"], json!([2, 0, 1]), "excel {excel}");
        assert_eq!(g["unnamed"], json!([1, 0, 0]));
        assert_eq!(g["quotes"], json!([4, 0, 1]));
        // a source takes the first gender its quotes give: pronoun in g1, title in g2
        assert_eq!(g["from"], json!([["pronoun", 1], ["title", 2]]));
        assert!(html.contains("Women are 2 of 2 (100.0%) of those whose gender is known"));
        assert!(html.contains("The gender of 1 of 3 (33.3%) is unknown"));
        assert_eq!(f["months"]["rows"][1][1]["named_gender"], json!([1, 0, 0]));
        assert!(!html.contains("Not available in this output"));
    }
}

/// Writes tables for a batch of `n` articles directly (no extract run), varied enough to hit
/// every cap: many outlets, people, phrases and months.
fn big_tables(w: &Work, n: usize) {
    let mut articles = String::from("article_id,title,sentences,outlet,published\n");
    let mut quotes = String::from("article_id,quote_id,type,speaker,speaker_kind,text\n");
    let mut entities = String::from("article_id,entity_id,type,name,mentions,first\n");
    for i in 0..n {
        let month = 1 + i % 12;
        let year = 2000 + (i / 12) % 8;
        articles.push_str(&format!(
            "b{i},Title {i},10,Outlet {},{year}-{month:02}-01\n",
            i % 45
        ));
        for q in 0..4 {
            let (speaker, kind) = match q {
                0 => (format!("Person {}", i % 300), "named"),
                1 => (format!("official number {}", i % 90), "anonymous"),
                2 => (format!("Agency {}", i % 50), "organization"),
                _ => (String::new(), "none"),
            };
            quotes.push_str(&format!("b{i},q{q},direct,{speaker},{kind},t\n"));
        }
        entities.push_str(&format!("b{i},e1,GPE,Place {},2,0\n", i % 400));
    }
    w.write("big/articles.csv", articles);
    w.write("big/quotes.csv", quotes);
    w.write("big/entities.csv", entities);
}

#[test]
fn big_batches_get_capped_lists_and_a_page_of_bounded_size() {
    let w = Work::new();
    big_tables(&w, 20_000);
    let (html, f) = report(&w, "big");
    assert_eq!(f["articles"], 20_000);
    assert_eq!(f["quotes"], 80_000);
    assert_eq!(f["people"]["distinct"], 300);
    assert_eq!(f["people"]["rows"].as_array().unwrap().len(), 20);
    assert_eq!(f["phrases"]["rows"].as_array().unwrap().len(), 20);
    assert_eq!(
        f["people"]["rows"][0]["sample_ids"]
            .as_array()
            .unwrap()
            .len(),
        12
    );
    assert_eq!(f["outlets"]["rows"].as_array().unwrap().len(), 20);
    assert_eq!(
        f["outlets"]["rest"][0], 25,
        "45 outlets: 20 shown, 25 added up"
    );
    // 96 months are more than a timeline shows: it is drawn by year
    assert_eq!(f["months"]["unit"], "year");
    assert_eq!(f["months"]["rows"].as_array().unwrap().len(), 8);
    assert_eq!(f["unnamed_articles"].as_array().unwrap().len(), 20);
    assert_eq!(
        f["entity_types"][0]["ranking"]["rows"]
            .as_array()
            .unwrap()
            .len(),
        10
    );
    assert!(html.len() < 300_000, "page of {} bytes", html.len());
    assert!(html.contains("25 other outlets"));
}

/// Writes the sample corpus (our own articles) as JSON Lines with outlets and dates, the input
/// of the page the README shows.
fn corpus_with_metadata(w: &Work) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let outlets = ["Harbour Gazette", "Northern Ledger", "Metro Wire"];
    let lines: Vec<Value> = files
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            // corpus files are named after their month: 2026-01-...
            let published = format!("{}-15", &id[..7]);
            json!({"id": id, "text": std::fs::read_to_string(p).unwrap(),
                   "outlet": outlets[i % outlets.len()], "published": published})
        })
        .collect();
    extract(w, &lines, &[]);
}

/// Loads a report in Chromium and checks that it rendered: every chart drawn, no console error,
/// no request leaving the file, no sideways scrolling; returns the load time in ms.
fn check_in_chromium(page: &Path, charts: &[&str], shots: &Path, name: &str) -> f64 {
    let mut c = chromium::Chromium::launch(1280, 900);
    let took = c.load(page);
    let state = c.eval(
        r#"(() => {
            const marks = s => [...s.querySelectorAll('.mark')];
            const drawn = m => { const b = m.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
            return {
              charts: [...document.querySelectorAll('svg.chart')].map(s => ({
                id: s.id, width: s.getBoundingClientRect().width,
                marks: marks(s).length, drawn: marks(s).filter(drawn).length })),
              sections: document.querySelectorAll('main > section > h2').length,
              nodes: document.getElementsByTagName('*').length,
              sideways: document.documentElement.scrollWidth > window.innerWidth,
              articles: JSON.parse(document.getElementById('newsx-figures').textContent).articles,
              nav: performance.getEntriesByType('navigation')[0].toJSON(),
            };
        })()"#,
    );
    let problems = c.problems();
    assert!(problems.is_empty(), "{name}: {problems:#?}");
    let found: Vec<&str> = state["charts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    for id in charts {
        assert!(
            found.contains(id),
            "{name}: chart {id} missing; found {found:?}"
        );
    }
    for chart in state["charts"].as_array().unwrap() {
        assert!(chart["width"].as_f64().unwrap() > 300.0, "{name}: {chart}");
        assert!(chart["marks"].as_u64().unwrap() > 0, "{name}: {chart}");
        assert_eq!(
            chart["marks"], chart["drawn"],
            "{name}: undrawn marks in {chart}"
        );
    }
    assert_eq!(state["sections"], 10, "{name}");
    assert_eq!(
        state["sideways"], false,
        "{name}: the page scrolls sideways at 1280 px"
    );
    assert!(state["articles"].as_u64().unwrap() > 0);
    let shot = shots.join(format!("{name}.png"));
    c.screenshot(&shot, None);
    let top = shots.join(format!("{name}-top.png"));
    c.screenshot(&top, Some([0.0, 0.0, 1280.0, 1800.0]));
    let pdf = c.pdf();
    assert!(pdf.starts_with(b"%PDF"), "{name}: printing failed");
    let load_ms = took.as_secs_f64() * 1000.0;
    eprintln!(
        "{name}: loaded in {load_ms:.0} ms (load event at {:.0} ms), {} elements, {} bytes of PDF; \
         screenshots {} and {}",
        state["nav"]["loadEventEnd"].as_f64().unwrap_or(0.0),
        state["nodes"],
        pdf.len(),
        shot.display(),
        top.display()
    );
    load_ms
}

#[test]
#[ignore = "needs chromium"]
fn report_renders_in_headless_chromium() {
    let w = Work::new();
    corpus_with_metadata(&w);
    ok(&w.run(&["report", "out", "-q"]));
    let charts = [
        "chart-sources",
        "chart-people",
        "chart-organisations",
        "chart-outlets",
        "chart-months",
        "chart-phrases",
    ];
    check_in_chromium(&w.path("out/report.html"), &charts, w.dir.path(), "corpus");

    gendered_tables(&w, true);
    ok(&w.run(&["report", "g", "-q"]));
    check_in_chromium(
        &w.path("g/report.html"),
        &["chart-gender"],
        w.dir.path(),
        "gender",
    );

    big_tables(&w, 20_000);
    ok(&w.run(&["report", "big", "-q"]));
    check_in_chromium(&w.path("big/report.html"), &charts, w.dir.path(), "big");

    // A report made elsewhere (the 100 MB bench, say) is checked the same way when named.
    if let Some(page) = std::env::var_os("NEWSX_REPORT_PAGE") {
        check_in_chromium(Path::new(&page), &["chart-sources"], w.dir.path(), "given");
    }
    if let Some(keep) = std::env::var_os("NEWSX_KEEP_SCREENSHOTS") {
        for shot in std::fs::read_dir(w.dir.path()).unwrap() {
            let shot = shot.unwrap().path();
            if shot.extension().is_some_and(|e| e == "png") {
                std::fs::copy(&shot, Path::new(&keep).join(shot.file_name().unwrap())).unwrap();
            }
        }
    }
}

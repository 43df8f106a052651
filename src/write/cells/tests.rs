//! The declared column types held to the row structs: every column of every table gets a cell of
//! its declared type, a null only where the type is nullable, and every nullable column is null
//! for some record (so no type is declared looser than the struct).

use super::*;
use crate::record::{ArticleRecord, ErrorRecord, SpeakerKind};
use crate::write::csv::{self as csvw, CsvStyle, RowOut, SpeakerTotalRow};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seen {
    Text,
    Int,
    Null,
}

/// One row as the serializer handed it: the table, each cell's column and type, the count.
type RowSeen = (Table, Vec<(usize, Seen)>, usize);

#[derive(Default)]
struct Recorder {
    row: Vec<(usize, Seen)>,
    rows: Vec<RowSeen>,
}

impl Cells for Recorder {
    fn text(&mut self, col: usize, _: &str) {
        self.row.push((col, Seen::Text));
    }
    fn int(&mut self, col: usize, _: u64) {
        self.row.push((col, Seen::Int));
    }
    fn null(&mut self, col: usize) {
        self.row.push((col, Seen::Null));
    }
}

impl RowOut for Recorder {
    fn row<T: Serialize>(&mut self, table: Table, row: &T) {
        let n = cells(row, self).expect("every field has a cell type");
        let row = std::mem::take(&mut self.row);
        self.rows.push((table, row, n));
    }
}

fn record(full: bool) -> ArticleRecord {
    let some = |v: serde_json::Value| if full { v } else { serde_json::Value::Null };
    let span = serde_json::json!({"start": 0, "end": 2, "text": "Hi"});
    serde_json::from_value(serde_json::json!({
        "id": "a", "source": "s", "title": some("T".into()), "outlet": some("O".into()),
        "published": some("2026".into()), "url": some("u".into()), "headline": null,
        "dateline": some(span.clone()), "dateline_place": null, "byline": [],
        "byline_from": some("input".into()), "boilerplate": [], "chars": 2, "meta": {},
        "sentences": [{"start": 0, "end": 2, "text": "Hi", "paragraph": 0}],
        "quotes": [{"id": "q1", "type": "direct", "start": 0, "end": 2, "text": "Hi",
                    "speaker": some("X".into()), "speaker_mention": some(span.clone()),
                    "speaker_kind": "named", "speaker_title": some("Dr".into()),
                    "cue": some(span), "sentence": 0, "rule": "r",
                    "speaker_org": some("O".into()), "speaker_entity": some("e1".into()),
                    "speaker_gender": "female", "speaker_gender_from": some("pronoun".into())}],
        "speakers": [{"name": "X", "kind": "named", "title": some("Dr".into()), "quotes": 1,
                      "words": 1, "org": some("O".into()), "entity": some("e1".into()),
                      "gender": "female", "gender_from": some("pronoun".into())}],
        "entities": [{"id": "e1", "type": "PERSON", "name": "X", "mentions": 1, "first": 0}],
        "mentions": [{"start": 0, "end": 1, "text": "X", "type": "PERSON", "entity": "e1",
                      "title": some("Dr".into()), "rule": "r"}]
    }))
    .unwrap()
}

fn all_rows(full: bool) -> Vec<RowSeen> {
    let style = CsvStyle::default();
    let mut out = Recorder::default();
    csvw::visit(&record(full), style, &mut out);
    let e = ErrorRecord {
        article_id: "a".into(),
        source: "s".into(),
        kind: "empty".into(),
        message: "m".into(),
    };
    csvw::visit_error(&e, style, &mut out);
    let total = SpeakerTotalRow {
        name: "X".into(),
        kind: SpeakerKind::Named,
        articles: 1,
        quotes: 1,
        words: 1,
        gender: crate::record::Gender::Female,
        org: "O".into(),
    };
    csvw::visit_speaker_total(total, style, &mut out);
    out.rows
}

#[test]
fn every_csv_column_has_its_declared_cell_type() {
    let mut null_somewhere = std::collections::HashSet::new();
    let mut tables = std::collections::HashSet::new();
    for full in [true, false] {
        for (table, row, n) in all_rows(full) {
            tables.insert(table.file_name());
            let name = table.file_name();
            assert_eq!(n, table.columns().len(), "{name}: cells vs columns");
            assert_eq!(kinds(table).len(), n, "{name}: declared types vs columns");
            for (col, seen) in row {
                let kind = kinds(table)[col];
                let column = table.columns()[col];
                match seen {
                    Seen::Null => {
                        assert!(kind.nullable(), "{name}.{column} is null but not nullable");
                        null_somewhere.insert((name, col));
                    }
                    Seen::Int => assert!(kind.is_int(), "{name}.{column} is a number"),
                    Seen::Text => assert!(!kind.is_int(), "{name}.{column} is text"),
                }
            }
        }
    }
    assert_eq!(tables.len(), 8, "every table was visited");
    for t in Table::PER_ARTICLE {
        for (col, kind) in kinds(t).iter().enumerate() {
            if kind.nullable() {
                let column = t.columns()[col];
                let name = t.file_name();
                assert!(
                    null_somewhere.contains(&(name, col)),
                    "{name}.{column} never null"
                );
            }
        }
    }
}

#[test]
fn a_field_without_a_cell_type_is_an_error() {
    #[derive(serde::Serialize)]
    struct Bad {
        ok: &'static str,
        list: Vec<u8>,
    }
    let err = cells(
        &Bad {
            ok: "x",
            list: vec![1],
        },
        &mut Recorder::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("sequence"), "{err}");
}

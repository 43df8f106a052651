use super::*;

fn read_all(data: &[u8], kind: TableKind, columns: &Columns, max: usize) -> Vec<ReadResult> {
    let mut r = TableReader::new(
        Box::new(io::Cursor::new(data.to_vec())),
        "in/f.csv".into(),
        "/x/in/f.csv".into(),
        kind,
        columns,
    );
    std::iter::from_fn(|| r.next(max)).collect()
}

fn csv(data: &str) -> Vec<ReadResult> {
    read_all(
        data.as_bytes(),
        TableKind::Csv,
        &Columns::default(),
        1 << 20,
    )
}

#[test]
fn rows_map_named_columns_onto_article_fields_and_carry_the_rest() {
    let rows = csv("ID,Headline,Body Text,Date,Source,Author,Section\n7,Rain,It rained.,2024-03-05,Gazette,Ana Ruiz,Weather\n");
    let a = rows[0].as_ref().unwrap();
    assert_eq!((a.id.as_str(), a.text.as_str()), ("7", "It rained."));
    assert_eq!(a.title.as_deref(), Some("Rain"));
    let keys: Vec<_> = a.meta.keys().map(String::as_str).collect();
    assert_eq!(keys, ["title", "published", "outlet", "byline", "Section"]);
    assert_eq!(a.meta["outlet"], "Gazette");
    assert_eq!(a.source, "/x/in/f.csv:1");
}

#[test]
fn excel_bom_crlf_and_quoted_newlines_read_right() {
    let rows = csv("\u{feff}text,id\r\n\"Line one.\r\nLine \"\"two\"\".\",a\r\nplain,b\r\n");
    assert_eq!(rows[0].as_ref().unwrap().text, "Line one.\r\nLine \"two\".");
    assert_eq!(rows[1].as_ref().unwrap().id, "b");
    assert_eq!(rows.len(), 2);
}

#[test]
fn ragged_and_empty_rows_are_errors_and_the_file_goes_on() {
    let rows = csv("text,title\nFirst.,A\nSecond.\n  ,C\n,,\n\nThird.,D\n");
    assert_eq!(
        rows.len(),
        4,
        "the row of empty cells and the blank line are skipped"
    );
    let e = rows[1].as_ref().unwrap_err();
    assert_eq!((e.kind, e.id.as_str()), ("ragged_row", "in/f.csv:2"));
    assert!(
        e.message
            .contains("row 2 (line 3) has 1 cells, the header has 2"),
        "{}",
        e.message
    );
    assert_eq!(rows[2].as_ref().unwrap_err().kind, "empty");
    let last = rows[3].as_ref().unwrap();
    assert_eq!(
        last.id, "in/f.csv:5",
        "rows are counted, blank lines are not"
    );
}

#[test]
fn a_tsv_written_without_quoting_is_refused_rather_than_losing_its_quotation_marks() {
    let data = "id\ttext\n1\t\"We won,\" she said.\n2\tShe said \"no\".\n";
    let rows = read_all(
        data.as_bytes(),
        TableKind::Tsv,
        &Columns::default(),
        1 << 20,
    );
    assert_eq!(rows[0].as_ref().unwrap_err().kind, "bad_quoting");
    assert_eq!(rows[1].as_ref().unwrap().text, "She said \"no\".");
}

#[test]
fn unclosed_quote_is_one_error_not_a_silent_merge() {
    let rows = csv("text\n\"Open quote never closed\nNext.\n");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].as_ref().unwrap_err().kind, "bad_quoting");
}

#[test]
fn missing_text_column_names_the_flag_and_the_columns() {
    let rows = csv("headline,summary\nA,B\n");
    let e = rows[0].as_ref().unwrap_err();
    assert_eq!((e.kind, e.id.as_str()), ("no_text_column", "in/f.csv"));
    assert!(e.message.contains("--text-column") && e.message.contains("headline, summary"));
    let named = Columns {
        named: vec![(Field::Text, "story".into())],
    };
    let rows = read_all(b"body\nx\n", TableKind::Csv, &named, 100);
    assert!(rows[0]
        .as_ref()
        .unwrap_err()
        .message
        .starts_with("--text-column story: no such column"));
}

#[test]
fn named_columns_win_over_built_in_names() {
    let named = Columns {
        named: vec![
            (Field::Text, "Story".into()),
            (Field::Outlet, "paper".into()),
        ],
    };
    let rows = read_all(
        b"text,Story,paper\nnot this,This one.,Daily\n",
        TableKind::Csv,
        &named,
        100,
    );
    let a = rows[0].as_ref().unwrap();
    assert_eq!(a.text, "This one.");
    assert_eq!(a.meta["outlet"], "Daily");
    assert_eq!(
        a.meta["text"], "not this",
        "an unmapped column keeps its name in meta"
    );
    assert_eq!(
        Columns::parse_mapping("publshed=x").unwrap_err(),
        "unknown field `publshed` (fields: id, text, title, published, outlet, byline, url)"
    );
}

#[test]
fn oversized_row_is_refused_and_the_next_row_still_read() {
    let big = "x".repeat(5000);
    let data = format!("text\n\"{big}\"\nsmall\n");
    let rows = read_all(data.as_bytes(), TableKind::Csv, &Columns::default(), 1000);
    assert_eq!(rows[0].as_ref().unwrap_err().kind, "too_large");
    assert_eq!(rows[1].as_ref().unwrap().text, "small");
}

#[test]
fn latin1_rows_are_refused_with_a_hint_and_utf16_with_a_mark_is_decoded() {
    let rows = read_all(
        b"text\ncaf\xe9\nok\n",
        TableKind::Csv,
        &Columns::default(),
        100,
    );
    let e = rows[0].as_ref().unwrap_err();
    assert_eq!(e.kind, "invalid_utf8");
    assert!(e.message.contains("CSV UTF-8"));
    assert_eq!(rows[1].as_ref().unwrap().text, "ok");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "id\ttext\r\n1\tCafé “open”.\r\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    let rows = read_all(&utf16, TableKind::Tsv, &Columns::default(), 100);
    assert_eq!(rows[0].as_ref().unwrap().text, "Café “open”.");
}

#[test]
fn the_hash_changes_with_a_cell_or_a_column_name_and_not_otherwise() {
    let h = |d: &str| csv(d)[0].as_ref().unwrap().hash.clone();
    let base = h("text,x\nA.,1\n");
    assert_eq!(base, h("text,x\r\nA.,1\r\n"));
    assert_ne!(base, h("text,x\nA.,2\n"));
    assert_ne!(base, h("text,y\nA.,1\n"));
    assert_ne!(h("text,x\nA,.1\n"), h("text,x\nA.,1\n"));
}

#[test]
fn pandas_index_column_and_duplicate_names() {
    let rows = csv(",text\n0,Hello.\n");
    assert_eq!(rows[0].as_ref().unwrap().meta["column_1"], "0");
    let rows = csv("text,x,x\nA,1,2\n");
    assert_eq!(rows[0].as_ref().unwrap_err().kind, "bad_header");
}

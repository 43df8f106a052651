//! Prints what newsx extracts from a saved web page: its metadata, then its text.
//! `cargo run --release --example html_text -- PAGE.html`

fn main() {
    let path = std::env::args().nth(1).expect("usage: html_text PAGE.html");
    let page = std::fs::read_to_string(&path).expect("a UTF-8 page");
    let (text, meta) = newsx::read::html::extract(&page, &newsx::read::html::HtmlRules::builtin());
    println!("{}", serde_json::to_string_pretty(&meta).unwrap());
    println!("---\n{text}");
}

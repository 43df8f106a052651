//! Times reading alone (no extraction): every input under DIR becomes an article, as the run reads it.
//! `cargo run --release --example read_speed -- DIR`

fn main() {
    let dir = std::env::args().nth(1).expect("usage: read_speed DIR");
    let sources = newsx::read::list_sources(&[newsx::read::Input::Path(dir.into())]).unwrap();
    let started = std::time::Instant::now();
    let (mut n, mut failed, mut text) = (0usize, 0usize, 0usize);
    for item in newsx::read::ArticleStream::new(sources, usize::MAX) {
        match item {
            Ok(a) => {
                n += 1;
                text += a.text.len();
            }
            Err(_) => failed += 1,
        }
    }
    let s = started.elapsed().as_secs_f64();
    println!(
        "{n} articles, {failed} refused, {:.1} MB of text in {s:.2} s: {:.1} MB/s of text",
        text as f64 / 1e6,
        text as f64 / 1e6 / s
    );
}

//! Reading a run's CSV tables row by row, columns found by name, as plain or `--excel` CSV.
//! Columns are looked up by header so that tables from older or newer newsx versions still read.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use super::ReportError;
use crate::write::csv::Table;

pub struct TableReader {
    pub path: PathBuf,
    rdr: csv::Reader<BufReader<File>>,
    headers: Vec<String>,
    /// Written with `--excel`: a cell that starts with a formula character carries a `'` in front.
    excel: bool,
    row: csv::ByteRecord,
}

impl TableReader {
    /// Opens `DIR/<table>`; `Ok(None)` when the file is absent.
    pub fn open(dir: &Path, table: Table) -> Result<Option<TableReader>, ReportError> {
        let path = dir.join(table.file_name());
        let mut file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(ReportError::Read { path, source }),
        };
        let mut bom = [0u8; 3];
        let excel = file
            .read(&mut bom)
            .is_ok_and(|n| n == 3 && bom == *b"\xEF\xBB\xBF");
        let file = File::open(&path).map_err(|source| ReportError::Read {
            path: path.clone(),
            source,
        })?;
        // the csv crate drops a leading byte-order mark itself
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(BufReader::with_capacity(1 << 16, file));
        let headers = rdr
            .headers()
            .map_err(|source| ReportError::Csv {
                path: path.clone(),
                source,
            })?
            .iter()
            .map(String::from)
            .collect();
        Ok(Some(TableReader {
            path,
            rdr,
            headers,
            excel,
            row: csv::ByteRecord::new(),
        }))
    }

    /// Like `open`, but the table must be there.
    pub fn require(dir: &Path, table: Table) -> Result<TableReader, ReportError> {
        Self::open(dir, table)?.ok_or_else(|| ReportError::Missing {
            path: dir.join(table.file_name()),
        })
    }

    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// The index of a column the report cannot do without.
    pub fn need(&self, name: &str) -> Result<usize, ReportError> {
        self.column(name).ok_or_else(|| ReportError::Column {
            path: self.path.clone(),
            column: name.to_string(),
        })
    }

    /// Reads the next row; `Ok(false)` at the end of the table.
    pub fn next(&mut self) -> Result<bool, ReportError> {
        self.rdr
            .read_byte_record(&mut self.row)
            .map_err(|source| ReportError::Csv {
                path: self.path.clone(),
                source,
            })
    }

    /// A cell of the current row as written by the extract run (`--excel`'s `'` taken off);
    /// empty when the row is short or the column absent.
    pub fn get(&self, col: Option<usize>) -> Cow<'_, str> {
        let bytes = col.and_then(|i| self.row.get(i)).unwrap_or(b"");
        let text = String::from_utf8_lossy(bytes);
        if self.excel
            && text.starts_with('\'')
            && text[1..].starts_with(['=', '+', '-', '@', '\t', '\r'])
        {
            return Cow::Owned(text[1..].to_string());
        }
        text
    }

    /// A count cell; 0 when empty or not a number.
    pub fn number(&self, col: Option<usize>) -> u64 {
        col.and_then(|i| self.row.get(i))
            .and_then(|b| std::str::from_utf8(b).ok())
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_tables_read_back_as_the_text_was() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("errors.csv"),
            "\u{feff}article_id,source,kind,message\r\n'=1+1,'-x,k,'it's\r\n",
        )
        .unwrap();
        let mut t = TableReader::require(dir.path(), Table::Errors).unwrap();
        assert_eq!(t.need("kind").unwrap(), 2);
        assert!(t.next().unwrap());
        let cols: Vec<String> = (0..4).map(|i| t.get(Some(i)).into_owned()).collect();
        assert_eq!(cols, ["=1+1", "-x", "k", "'it's"]);
        assert_eq!(t.get(t.column("missing")), "");
        assert!(!t.next().unwrap());
    }

    #[test]
    fn plain_tables_keep_a_leading_apostrophe() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("errors.csv"),
            "article_id,source,kind,message\n'=1,s,k,m\n",
        )
        .unwrap();
        let mut t = TableReader::require(dir.path(), Table::Errors).unwrap();
        assert!(t.next().unwrap());
        assert_eq!(t.get(Some(0)), "'=1");
        assert!(matches!(
            t.need("speaker"),
            Err(ReportError::Column { column, .. }) if column == "speaker"
        ));
    }
}

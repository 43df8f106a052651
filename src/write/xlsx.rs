//! The workbook sink (`--xlsx FILE`): a sheet per table, ids and text as text cells and numbers
//! as numbers (from the CSV row structs, through `cells.rs`), so a spreadsheet coerces nothing.
//! Sheets stream to temporary files (rust_xlsxwriter's constant-memory mode) and the workbook is
//! assembled when the batch ends.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use serde::Serialize;

use crate::write::cells::{self, Cells, TypedTables};
use crate::write::csv::{RowOut, Table};
use crate::write::sink::Staged;

/// Excel's limit on the characters of a cell.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Excel's rows per sheet less the header row: a table goes on in `NAME (2)` after this.
pub const MAX_DATA_ROWS: u32 = 1_048_575;

/// One part of a table: a sheet being written.
struct Sheet {
    table: Table,
    /// The sheet's position in the workbook.
    index: usize,
    /// The next row to write (0 is the header).
    row: u32,
    part: u32,
}

pub struct XlsxSink {
    workbook: Workbook,
    tmp: PathBuf,
    dest: PathBuf,
    sheets: Vec<Sheet>,
    max_rows: u32,
    header: Format,
    /// Cells cut at the limit, shared with the summary line.
    cut: Arc<AtomicUsize>,
    /// The first write that failed; returned from the next call the pipeline makes.
    failed: Option<XlsxError>,
}

fn io_error(e: XlsxError) -> io::Error {
    match e {
        XlsxError::IoError(e) => e,
        e => io::Error::other(format!("writing the workbook: {e}")),
    }
}

impl XlsxSink {
    /// A workbook of `tables` (in that order) to be put at `dest`; `cut` counts the cells cut.
    pub fn new(dest: &Path, tables: &[Table], cut: Arc<AtomicUsize>) -> io::Result<Self> {
        Self::with_max_rows(dest, tables, cut, MAX_DATA_ROWS)
    }

    /// As `new`, with sheets of at most `max_rows` data rows (tests use small ones).
    pub fn with_max_rows(
        dest: &Path,
        tables: &[Table],
        cut: Arc<AtomicUsize>,
        max_rows: u32,
    ) -> io::Result<Self> {
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = dest
            .file_name()
            .ok_or_else(|| io::Error::other(format!("{}: not a file name", dest.display())))?;
        let tmp = dir.join(format!(".{}.tmp", name.to_string_lossy()));
        let mut workbook = Workbook::new();
        // The sheets' temporary files go beside the workbook, not into a small /tmp.
        workbook.set_tempdir(&dir).map_err(io_error)?;
        let mut sink = XlsxSink {
            workbook,
            tmp,
            dest: dest.to_path_buf(),
            sheets: Vec::new(),
            max_rows: max_rows.max(1),
            header: Format::new().set_bold(),
            cut,
            failed: None,
        };
        for &t in tables {
            sink.add_sheet(t, 1).map_err(io_error)?;
        }
        Ok(sink)
    }

    fn add_sheet(&mut self, table: Table, part: u32) -> Result<(), XlsxError> {
        let base = table.file_name().split('.').next().expect("a name");
        let name = if part == 1 {
            base.to_string()
        } else {
            format!("{base} ({part})")
        };
        let index = self.workbook.worksheets().len();
        let ws = self.workbook.add_worksheet_with_constant_memory()?;
        ws.set_name(name)?;
        for (col, c) in table.columns().iter().enumerate() {
            ws.write_string_with_format(0, col as u16, *c, &self.header)?;
        }
        ws.set_freeze_panes(1, 0)?;
        let sheet = Sheet {
            table,
            index,
            row: 1,
            part,
        };
        match self.sheets.iter().position(|s| s.table == table) {
            Some(i) => self.sheets[i] = sheet,
            None => self.sheets.push(sheet),
        }
        Ok(())
    }

    /// Filters on a finished sheet: the header and every row written.
    fn close_sheet(&mut self, table: Table) -> Result<(), XlsxError> {
        let s = self
            .sheets
            .iter()
            .find(|s| s.table == table)
            .expect("a sheet");
        let (index, last_row) = (s.index, s.row - 1);
        let last_col = table.columns().len() as u16 - 1;
        self.workbook
            .worksheet_from_index(index)?
            .autofilter(0, 0, last_row, last_col)?;
        Ok(())
    }

    fn write_row<T: Serialize>(&mut self, table: Table, row: &T) -> Result<(), XlsxError> {
        let Some(i) = self.sheets.iter().position(|s| s.table == table) else {
            return Ok(()); // a table left out of the workbook
        };
        if self.sheets[i].row > self.max_rows {
            let part = self.sheets[i].part + 1;
            self.close_sheet(table)?;
            self.add_sheet(table, part)?;
        }
        let s = &mut self.sheets[i];
        let ws = self.workbook.worksheet_from_index(s.index)?;
        let mut out = SheetCells {
            ws,
            row: s.row,
            cut: 0,
            failed: None,
        };
        cells::cells(row, &mut out).map_err(|e| XlsxError::ParameterError(e.to_string()))?;
        s.row += 1;
        self.cut.fetch_add(out.cut, Ordering::Relaxed);
        out.failed.map_or(Ok(()), Err)
    }
}

impl RowOut for XlsxSink {
    fn row<T: Serialize>(&mut self, table: Table, row: &T) {
        if self.failed.is_none() {
            self.failed = self.write_row(table, row).err();
        }
    }
}

/// Cells of one row into a sheet.
struct SheetCells<'w> {
    ws: &'w mut Worksheet,
    row: u32,
    cut: usize,
    failed: Option<XlsxError>,
}

impl SheetCells<'_> {
    fn done(&mut self, r: Result<(), XlsxError>) {
        if let (Err(e), None) = (r, &self.failed) {
            self.failed = Some(e);
        }
    }
}

impl Cells for SheetCells<'_> {
    fn text(&mut self, col: usize, s: &str) {
        if s.is_empty() {
            return;
        }
        let r = match cut_cell(s) {
            Some(cut) => {
                self.cut += 1;
                self.ws.write_string(self.row, col as u16, cut).map(drop)
            }
            None => self.ws.write_string(self.row, col as u16, s).map(drop),
        };
        self.done(r);
    }

    fn int(&mut self, col: usize, v: u64) {
        let r = self
            .ws
            .write_number(self.row, col as u16, v as f64)
            .map(drop);
        self.done(r);
    }

    fn null(&mut self, _: usize) {}
}

/// A text over the cell limit, cut so that it and a visible marker fit.
pub fn cut_cell(s: &str) -> Option<String> {
    // bytes ≥ code points: most cells are decided without counting
    if s.len() <= MAX_CELL_CHARS {
        return None;
    }
    let n = s.chars().count();
    if n <= MAX_CELL_CHARS {
        return None;
    }
    let marker = format!(" … [cut from {n} characters]");
    let keep = MAX_CELL_CHARS - marker.chars().count();
    let end = s.char_indices().nth(keep).map_or(s.len(), |(i, _)| i);
    Some(format!("{}{marker}", &s[..end]))
}

impl TypedTables for XlsxSink {
    fn failed(&mut self) -> io::Result<()> {
        self.failed.take().map_or(Ok(()), |e| Err(io_error(e)))
    }

    fn close(mut self) -> io::Result<Vec<Staged>> {
        let tables: Vec<Table> = self.sheets.iter().map(|s| s.table).collect();
        for t in tables {
            self.close_sheet(t).map_err(io_error)?;
        }
        self.workbook.save(&self.tmp).map_err(io_error)?;
        Ok(vec![Staged {
            tmp: tempfile::TempPath::try_from_path(self.tmp)?,
            dest: self.dest,
            last: false,
        }])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::ErrorRecord;
    use crate::write::cells::TypedSink;
    use crate::write::sink::{Sink, Totals};

    #[test]
    fn a_long_cell_is_cut_to_the_limit_with_a_marker() {
        let s = "é".repeat(40_920);
        let cut = cut_cell(&s).unwrap();
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(
            cut.ends_with(" … [cut from 40920 characters]"),
            "{}",
            &cut[cut.len() - 40..]
        );
        assert!(cut_cell(&"é".repeat(MAX_CELL_CHARS)).is_none());
        assert!(cut_cell(&"x".repeat(MAX_CELL_CHARS + 1)).is_some());
    }

    #[test]
    fn a_table_over_the_row_limit_goes_on_in_a_numbered_sheet() {
        use calamine::{open_workbook, Data, Reader, Xlsx};
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("book.xlsx");
        let cut = Arc::new(AtomicUsize::new(0));
        let tables = [Table::Errors, Table::SpeakersByName];
        let book = XlsxSink::with_max_rows(&dest, &tables, cut, 2).unwrap();
        let mut sink = Box::new(TypedSink::new(book, &tables));
        for i in 0..5 {
            let e = ErrorRecord {
                article_id: format!("{i:03}"),
                source: "in.jsonl".into(),
                kind: "empty".into(),
                message: "no text".into(),
            };
            sink.error(&e).unwrap();
        }
        let staged = sink.finish(&Totals::default()).unwrap();
        crate::write::sink::commit(staged).unwrap();
        let mut book: Xlsx<_> = open_workbook(&dest).unwrap();
        let names = book.sheet_names();
        assert_eq!(
            names,
            ["errors", "speakers_by_name", "errors (2)", "errors (3)"]
        );
        let ids = |book: &mut Xlsx<_>, name: &str| -> Vec<Data> {
            let r = book.worksheet_range(name).unwrap();
            let header = if name.starts_with("errors") {
                "article_id"
            } else {
                "name"
            };
            assert_eq!(r.rows().next().unwrap()[0], Data::String(header.into()));
            r.rows().skip(1).map(|row| row[0].clone()).collect()
        };
        let s = |v: &str| Data::String(v.into());
        assert_eq!(ids(&mut book, "errors"), [s("000"), s("001")]);
        assert_eq!(ids(&mut book, "errors (2)"), [s("002"), s("003")]);
        assert_eq!(ids(&mut book, "errors (3)"), [s("004")]);
        assert!(ids(&mut book, "speakers_by_name").is_empty());
    }
}

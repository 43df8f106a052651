//! The Parquet table sinks (`--format parquet`): one file per table with typed columns (text as
//! UTF-8 strings, counts and offsets as 64-bit integers, nullable where the CSV cell can be
//! empty), from the CSV row structs through `cells.rs`. Rows are buffered per column and written
//! as a row group whenever a table's buffer reaches a size, so memory stays bounded.

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::Path;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use serde::Serialize;

use crate::write::cells::{self, Cells, Kind, TypedTables};
use crate::write::csv::{RowOut, Table};
use crate::write::sink::Staged;
use crate::write::StagedFile;

/// A table's buffered rows are written as a row group at this many bytes of values...
const GROUP_BYTES: usize = 16 << 20;
/// ...or this many rows, whichever comes first.
const GROUP_ROWS: usize = 256 * 1024;

pub fn file_name(table: Table) -> String {
    format!("{}.parquet", table.name())
}

fn io_error(e: ParquetError) -> io::Error {
    io::Error::other(format!("writing Parquet: {e}"))
}

/// The Parquet schema of a table, from its columns and their declared types.
fn schema(table: Table) -> String {
    let mut s = format!("message {} {{\n", table.name());
    for (c, k) in table.columns().iter().zip(cells::kinds(table)) {
        let rep = if k.nullable() { "OPTIONAL" } else { "REQUIRED" };
        let ty = if k.is_int() { "INT64" } else { "BYTE_ARRAY" };
        let ann = if k.is_int() { "" } else { " (UTF8)" };
        s.push_str(&format!("  {rep} {ty} {c}{ann};\n"));
    }
    s.push('}');
    s
}

/// One column's values of the rows not yet written, with their definition levels (0 = null).
enum Column {
    Text(Vec<ByteArray>, Vec<i16>),
    Int(Vec<i64>, Vec<i16>),
}

/// One table's file and the rows waiting for the next row group.
struct TableFile {
    table: Table,
    tmp: tempfile::TempPath,
    dest: std::path::PathBuf,
    writer: SerializedFileWriter<BufWriter<File>>,
    columns: Vec<Column>,
    rows: usize,
    bytes: usize,
}

impl TableFile {
    fn create(dir: &Path, table: Table) -> io::Result<Self> {
        let f = StagedFile::create(dir, &file_name(table))?;
        let schema = parse_message_type(&schema(table)).map_err(io_error)?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let writer = SerializedFileWriter::new(f.out, Arc::new(schema), Arc::new(props))
            .map_err(io_error)?;
        let columns = cells::kinds(table)
            .iter()
            .map(|k| match k {
                Kind::Int | Kind::OptInt => Column::Int(Vec::new(), Vec::new()),
                Kind::Text | Kind::OptText => Column::Text(Vec::new(), Vec::new()),
            })
            .collect();
        Ok(TableFile {
            table,
            tmp: f.tmp,
            dest: f.dest,
            writer,
            columns,
            rows: 0,
            bytes: 0,
        })
    }

    fn push<T: Serialize>(&mut self, row: &T) -> io::Result<()> {
        let n = cells::cells(row, self).map_err(io::Error::other)?;
        debug_assert_eq!(n, self.columns.len());
        self.rows += 1;
        if self.rows >= GROUP_ROWS || self.bytes >= GROUP_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the buffered rows as one row group.
    fn flush(&mut self) -> io::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let kinds = cells::kinds(self.table);
        let mut group = self.writer.next_row_group().map_err(io_error)?;
        for (column, kind) in self.columns.iter_mut().zip(kinds) {
            let mut w = group
                .next_column()
                .map_err(io_error)?
                .expect("a column per kind");
            let nullable = kind.nullable();
            match column {
                Column::Text(v, d) => {
                    w.typed::<ByteArrayType>()
                        .write_batch(v, nullable.then_some(&d[..]), None)
                        .map_err(io_error)?;
                    v.clear();
                    d.clear();
                }
                Column::Int(v, d) => {
                    w.typed::<Int64Type>()
                        .write_batch(v, nullable.then_some(&d[..]), None)
                        .map_err(io_error)?;
                    v.clear();
                    d.clear();
                }
            }
            w.close().map_err(io_error)?;
        }
        group.close().map_err(io_error)?;
        self.rows = 0;
        self.bytes = 0;
        Ok(())
    }

    fn finish(mut self) -> io::Result<Staged> {
        self.flush()?;
        let out = self.writer.into_inner().map_err(io_error)?;
        out.into_inner().map_err(|e| e.into_error())?;
        Ok(Staged {
            tmp: self.tmp,
            dest: self.dest,
            last: false,
        })
    }
}

impl Cells for TableFile {
    fn text(&mut self, col: usize, s: &str) {
        self.bytes += s.len();
        match &mut self.columns[col] {
            Column::Text(v, d) => {
                v.push(ByteArray::from(s.as_bytes().to_vec()));
                d.push(1);
            }
            Column::Int(..) => unreachable!("cells.rs holds the types to the row structs"),
        }
    }

    fn int(&mut self, col: usize, x: u64) {
        self.bytes += 8;
        match &mut self.columns[col] {
            Column::Int(v, d) => {
                v.push(x as i64);
                d.push(1);
            }
            Column::Text(..) => unreachable!("cells.rs holds the types to the row structs"),
        }
    }

    fn null(&mut self, col: usize) {
        match &mut self.columns[col] {
            Column::Int(_, d) | Column::Text(_, d) => d.push(0),
        }
    }
}

/// Every selected table as a Parquet file in the output folder.
pub struct ParquetSink {
    files: Vec<TableFile>,
    failed: Option<io::Error>,
}

impl ParquetSink {
    pub fn new(dir: &Path, tables: &[Table]) -> io::Result<Self> {
        Ok(ParquetSink {
            files: tables
                .iter()
                .map(|&t| TableFile::create(dir, t))
                .collect::<io::Result<_>>()?,
            failed: None,
        })
    }
}

impl RowOut for ParquetSink {
    fn row<T: Serialize>(&mut self, table: Table, row: &T) {
        if self.failed.is_some() {
            return;
        }
        if let Some(f) = self.files.iter_mut().find(|f| f.table == table) {
            self.failed = f.push(row).err();
        }
    }
}

impl TypedTables for ParquetSink {
    fn failed(&mut self) -> io::Result<()> {
        self.failed.take().map_or(Ok(()), Err)
    }

    fn close(self) -> io::Result<Vec<Staged>> {
        self.files.into_iter().map(TableFile::finish).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_a_schema_parquet_accepts() {
        for t in Table::PER_ARTICLE
            .iter()
            .chain(&[Table::Errors, Table::SpeakersByName])
        {
            let s = parse_message_type(&schema(*t)).unwrap();
            assert_eq!(s.get_fields().len(), t.columns().len(), "{}", t.name());
        }
    }
}

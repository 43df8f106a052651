//! The Parquet table sinks (`--format parquet`): one file per table with typed columns (text as
//! UTF-8 strings, counts and offsets as 64-bit integers, nullable where the CSV cell can be
//! empty), from the CSV row structs through `cells.rs`. Rows are buffered per column, text end to
//! end in one buffer, and the table holding the most is written as a row group whenever all the
//! tables together hold a budget of bytes, so memory stays bounded whatever the batch.

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::Path;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedColumnWriter as ColumnWriter, SerializedFileWriter};
use parquet::schema::parser::parse_message_type;
use serde::Serialize;

use crate::write::cells::{self, Cells, Kind, TypedTables};
use crate::write::csv::{RowOut, Table};
use crate::write::sink::Staged;
use crate::write::StagedFile;

/// The bytes all tables may buffer together (values, offsets and levels) before the fullest is
/// written out as a row group. Peak memory grows by about four times this (capacity kept, the
/// column writer's pages): 8 MiB gave 140 MB against CSV's 99 MB on the 100 MB bench corpus.
const BUFFER_BYTES: usize = 8 << 20;
/// Values handed to the column writer at a time: the only per-value allocations live this long.
const BATCH_ROWS: usize = 4096;
/// What a buffered text value costs besides its bytes: its end offset and its level.
const TEXT_OVERHEAD: usize = std::mem::size_of::<usize>() + std::mem::size_of::<i16>();
/// What a buffered integer costs: the value and its level.
const INT_COST: usize = std::mem::size_of::<i64>() + std::mem::size_of::<i16>();

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

/// One column's values of the rows not yet written, with their definition levels (0 = null, no
/// value). Text is kept end to end with the end of each value: one allocation per column, not one
/// per cell (small cells cost more in their own allocations than in their bytes).
enum Column {
    Text {
        bytes: Vec<u8>,
        ends: Vec<usize>,
        levels: Vec<i16>,
    },
    Int {
        values: Vec<i64>,
        levels: Vec<i16>,
    },
}

impl Column {
    fn new(kind: &Kind) -> Column {
        match kind {
            Kind::Int | Kind::OptInt => Column::Int {
                values: Vec::new(),
                levels: Vec::new(),
            },
            Kind::Text | Kind::OptText => Column::Text {
                bytes: Vec::new(),
                ends: Vec::new(),
                levels: Vec::new(),
            },
        }
    }

    /// Hands the buffered values to the column writer in batches of [`BATCH_ROWS`] rows, then
    /// empties the buffers.
    fn write(&mut self, w: &mut ColumnWriter<'_>, nullable: bool) -> Result<(), ParquetError> {
        match self {
            Column::Text {
                bytes,
                ends,
                levels,
            } => {
                let (mut start, mut value) = (0, 0);
                for rows in levels.chunks(BATCH_ROWS) {
                    let n = rows.iter().filter(|&&l| l == 1).count();
                    let batch: Vec<ByteArray> = ends[value..value + n]
                        .iter()
                        .map(|&end| {
                            let v = ByteArray::from(&bytes[start..end]);
                            start = end;
                            v
                        })
                        .collect();
                    value += n;
                    w.typed::<ByteArrayType>().write_batch(
                        &batch,
                        nullable.then_some(rows),
                        None,
                    )?;
                }
                bytes.clear();
                ends.clear();
                levels.clear();
            }
            Column::Int { values, levels } => {
                let mut value = 0;
                for rows in levels.chunks(BATCH_ROWS) {
                    let n = rows.iter().filter(|&&l| l == 1).count();
                    w.typed::<Int64Type>().write_batch(
                        &values[value..value + n],
                        nullable.then_some(rows),
                        None,
                    )?;
                    value += n;
                }
                values.clear();
                levels.clear();
            }
        }
        Ok(())
    }
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
        let columns = cells::kinds(table).iter().map(Column::new).collect();
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
            column.write(&mut w, kind.nullable()).map_err(io_error)?;
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
        self.bytes += s.len() + TEXT_OVERHEAD;
        match &mut self.columns[col] {
            Column::Text {
                bytes,
                ends,
                levels,
            } => {
                bytes.extend_from_slice(s.as_bytes());
                ends.push(bytes.len());
                levels.push(1);
            }
            Column::Int { .. } => unreachable!("cells.rs holds the types to the row structs"),
        }
    }

    fn int(&mut self, col: usize, x: u64) {
        self.bytes += INT_COST;
        match &mut self.columns[col] {
            Column::Int { values, levels } => {
                values.push(x as i64);
                levels.push(1);
            }
            Column::Text { .. } => unreachable!("cells.rs holds the types to the row structs"),
        }
    }

    fn null(&mut self, col: usize) {
        self.bytes += std::mem::size_of::<i16>();
        match &mut self.columns[col] {
            Column::Int { levels, .. } | Column::Text { levels, .. } => levels.push(0),
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

impl ParquetSink {
    /// Writes out the fullest table when all together hold [`BUFFER_BYTES`].
    fn keep_within_budget(&mut self) -> io::Result<()> {
        if self.files.iter().map(|f| f.bytes).sum::<usize>() < BUFFER_BYTES {
            return Ok(());
        }
        match self.files.iter_mut().max_by_key(|f| f.bytes) {
            Some(f) => f.flush(),
            None => Ok(()),
        }
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
        if self.failed.is_none() {
            self.failed = self.keep_within_budget().err();
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

    /// Fills one row of the table's columns with short cells, as the mentions table has.
    fn short_row(f: &mut TableFile) {
        for (col, kind) in cells::kinds(f.table).iter().enumerate() {
            if kind.is_int() {
                f.int(col, 7);
            } else {
                f.text(col, "Ilse");
            }
        }
        f.rows += 1;
    }

    #[test]
    fn short_cells_are_written_out_at_the_byte_budget_not_held_until_a_row_count() {
        // Short cells once cost far more in their own allocations than the bytes counted, so a
        // table of them was held until 256 Ki rows (387 MB peak on the 100 MB bench).
        let dir = tempfile::tempdir().unwrap();
        let mut sink = ParquetSink::new(dir.path(), &[Table::Mentions, Table::Errors]).unwrap();
        let row_cost: usize = cells::kinds(Table::Mentions)
            .iter()
            .map(|k| {
                if k.is_int() {
                    INT_COST
                } else {
                    4 + TEXT_OVERHEAD
                }
            })
            .sum();
        let rows = 3 * BUFFER_BYTES / row_cost;
        for _ in 0..rows {
            short_row(&mut sink.files[0]);
            sink.keep_within_budget().unwrap();
            assert!(sink.files[0].bytes < BUFFER_BYTES + row_cost);
        }
        let staged = sink.close().unwrap();
        let reader =
            parquet::file::reader::SerializedFileReader::new(File::open(&staged[0].tmp).unwrap())
                .unwrap();
        use parquet::file::reader::FileReader;
        let meta = reader.metadata();
        assert!(meta.num_row_groups() >= 3, "{}", meta.num_row_groups());
        assert_eq!(meta.file_metadata().num_rows() as usize, rows);
    }
}

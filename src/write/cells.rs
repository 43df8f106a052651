//! Typed cells from the CSV row structs: a serde Serializer that turns one row into a cell per
//! column (text, integer or null) for the formats that keep types (the workbook, Parquet), and
//! each table's declared column types, which a test holds to the row structs; and the sink that
//! feeds a typed writer.

use std::io;

use serde::ser::{self, Impossible, Serialize};
use thiserror::Error;

use crate::record::ErrorRecord;
use crate::write::csv::{self as csvw, CsvStyle, RowOut, Table};
use crate::write::sink::{Needs, Processed, Sink, Staged, Totals};
use crate::write::tables::SpeakerTotals;

/// A column's type in the typed formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Text or null (an empty CSV cell).
    OptText,
    Int,
    OptInt,
}

impl Kind {
    pub fn nullable(self) -> bool {
        matches!(self, Kind::OptText | Kind::OptInt)
    }

    pub fn is_int(self) -> bool {
        matches!(self, Kind::Int | Kind::OptInt)
    }
}

/// The type of each column of a table, in `Table::columns()` order.
pub fn kinds(table: Table) -> &'static [Kind] {
    use Kind::{Int as I, OptInt as OI, OptText as OT, Text as T};
    match table {
        Table::Articles => &[
            T, T, OT, OT, T, I, I, I, I, I, I, I, I, I, I, OT, OT, OT, OT, T,
        ],
        Table::Sentences => &[T, I, I, I, I, T],
        Table::Quotes => &[
            T, T, T, I, I, I, OT, T, OT, OT, OI, OI, OT, T, T, OT, OT, OT, OT, T, OT,
        ],
        Table::Speakers => &[T, T, T, OT, I, I, OT, OT, OT, OT, T, OT],
        Table::Entities => &[T, T, T, T, I, I],
        Table::Mentions => &[T, T, T, I, I, T, OT, T],
        Table::Errors => &[T, T, T, T],
        Table::SpeakersByName => &[T, T, I, I, I, T, T],
    }
}

/// Receives one row's cells, column by column.
pub trait Cells {
    fn text(&mut self, col: usize, s: &str);
    fn int(&mut self, col: usize, v: u64);
    fn null(&mut self, col: usize);
}

/// A row struct field of a type the typed formats have no cell for.
#[derive(Debug, Error)]
#[error("{0}")]
pub struct CellError(String);

impl ser::Error for CellError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        CellError(msg.to_string())
    }
}

/// Hands the fields of one row struct to `out` as typed cells; returns the number of columns.
pub fn cells<T: Serialize + ?Sized>(row: &T, out: &mut impl Cells) -> Result<usize, CellError> {
    row.serialize(RowSer { out, col: 0 })
}

struct RowSer<'o, O> {
    out: &'o mut O,
    col: usize,
}

fn unsupported<T>(what: &str) -> Result<T, CellError> {
    Err(CellError(format!(
        "a row field of type {what} has no cell type"
    )))
}

macro_rules! refuse {
    ($($name:ident: $ty:ty),*) => {
        $(fn $name(self, _: $ty) -> Result<Self::Ok, CellError> {
            unsupported(stringify!($ty))
        })*
    };
}

impl<O: Cells> ser::Serializer for RowSer<'_, O> {
    type Ok = usize;
    type Error = CellError;
    type SerializeSeq = Impossible<usize, CellError>;
    type SerializeTuple = Impossible<usize, CellError>;
    type SerializeTupleStruct = Impossible<usize, CellError>;
    type SerializeTupleVariant = Impossible<usize, CellError>;
    type SerializeMap = Impossible<usize, CellError>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<usize, CellError>;

    refuse!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_f32: f32, serialize_f64: f64, serialize_char: char,
        serialize_str: &str, serialize_bytes: &[u8]);

    fn serialize_none(self) -> Result<usize, CellError> {
        unsupported("Option")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<usize, CellError> {
        unsupported("Option")
    }
    fn serialize_unit(self) -> Result<usize, CellError> {
        unsupported("()")
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<usize, CellError> {
        unsupported(name)
    }
    fn serialize_unit_variant(
        self,
        n: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<usize, CellError> {
        unsupported(n)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        n: &'static str,
        _: &T,
    ) -> Result<usize, CellError> {
        unsupported(n)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        n: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<usize, CellError> {
        unsupported(n)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, CellError> {
        unsupported("a sequence")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, CellError> {
        unsupported("a tuple")
    }
    fn serialize_tuple_struct(
        self,
        n: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, CellError> {
        unsupported(n)
    }
    fn serialize_tuple_variant(
        self,
        n: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, CellError> {
        unsupported(n)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, CellError> {
        unsupported("a map")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, CellError> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        n: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, CellError> {
        unsupported(n)
    }
}

impl<O: Cells> ser::SerializeStruct for RowSer<'_, O> {
    type Ok = usize;
    type Error = CellError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        _: &'static str,
        value: &T,
    ) -> Result<(), CellError> {
        value.serialize(FieldSer {
            out: &mut *self.out,
            col: self.col,
        })?;
        self.col += 1;
        Ok(())
    }

    fn end(self) -> Result<usize, CellError> {
        Ok(self.col)
    }
}

/// One field: a string, an unsigned number, an enum's name, or an Option of those.
struct FieldSer<'o, O> {
    out: &'o mut O,
    col: usize,
}

impl<O: Cells> FieldSer<'_, O> {
    fn int(self, v: u64) -> Result<(), CellError> {
        self.out.int(self.col, v);
        Ok(())
    }
}

impl<O: Cells> ser::Serializer for FieldSer<'_, O> {
    type Ok = ();
    type Error = CellError;
    type SerializeSeq = Impossible<(), CellError>;
    type SerializeTuple = Impossible<(), CellError>;
    type SerializeTupleStruct = Impossible<(), CellError>;
    type SerializeTupleVariant = Impossible<(), CellError>;
    type SerializeMap = Impossible<(), CellError>;
    type SerializeStruct = Impossible<(), CellError>;
    type SerializeStructVariant = Impossible<(), CellError>;

    refuse!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_f32: f32, serialize_f64: f64, serialize_char: char,
        serialize_bytes: &[u8]);

    // the text the CSV writes for it, so the formats agree
    fn serialize_bool(self, v: bool) -> Result<(), CellError> {
        self.out.text(self.col, if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), CellError> {
        self.int(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), CellError> {
        self.int(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), CellError> {
        self.int(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), CellError> {
        self.int(v)
    }
    fn serialize_str(self, v: &str) -> Result<(), CellError> {
        self.out.text(self.col, v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), CellError> {
        self.out.null(self.col);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), CellError> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), CellError> {
        unsupported("()")
    }
    fn serialize_unit_struct(self, n: &'static str) -> Result<(), CellError> {
        unsupported(n)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), CellError> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), CellError> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        n: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), CellError> {
        unsupported(n)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, CellError> {
        unsupported("a sequence")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, CellError> {
        unsupported("a tuple")
    }
    fn serialize_tuple_struct(
        self,
        n: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, CellError> {
        unsupported(n)
    }
    fn serialize_tuple_variant(
        self,
        n: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, CellError> {
        unsupported(n)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, CellError> {
        unsupported("a map")
    }
    fn serialize_struct(
        self,
        n: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, CellError> {
        unsupported(n)
    }
    fn serialize_struct_variant(
        self,
        n: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, CellError> {
        unsupported(n)
    }
}

/// A writer of typed tables (the workbook, Parquet), driven by [`TypedSink`].
pub trait TypedTables: RowOut + Send {
    /// The first write that failed since the last call, if any.
    fn failed(&mut self) -> io::Result<()>;
    /// Writes what is left and hands back the files to put in place.
    fn close(self) -> io::Result<Vec<Staged>>;
}

/// Hands a typed writer every article's rows, the refused articles, and the batch's speaker
/// totals at the end, all from the CSV row structs.
pub struct TypedSink<T> {
    tables: T,
    by_name: Option<SpeakerTotals>,
}

impl<T: TypedTables> TypedSink<T> {
    /// `selected`: the tables `tables` writes (the speaker totals are kept only when listed).
    pub fn new(tables: T, selected: &[Table]) -> Self {
        TypedSink {
            tables,
            by_name: selected
                .contains(&Table::SpeakersByName)
                .then(SpeakerTotals::default),
        }
    }
}

impl<T: TypedTables> Sink for TypedSink<T> {
    fn needs(&self) -> Needs {
        Needs {
            record: true,
            ..Needs::default()
        }
    }

    fn article(&mut self, a: &Processed) -> io::Result<()> {
        let record = a.record.as_ref().expect("the record kept for typed tables");
        // Typed cells hold text exactly: no formula guard, so no `--excel` apostrophe.
        csvw::visit(record, CsvStyle::default(), &mut self.tables);
        if let Some(t) = &mut self.by_name {
            t.add(a);
        }
        self.tables.failed()
    }

    fn error(&mut self, e: &ErrorRecord) -> io::Result<()> {
        csvw::visit_error(e, CsvStyle::default(), &mut self.tables);
        self.tables.failed()
    }

    fn finish(mut self: Box<Self>, _: &Totals) -> io::Result<Vec<Staged>> {
        if let Some(totals) = self.by_name.take() {
            for row in totals.rows() {
                csvw::visit_speaker_total(row, CsvStyle::default(), &mut self.tables);
            }
        }
        self.tables.failed()?;
        self.tables.close()
    }
}

#[cfg(test)]
mod tests;

#!/usr/bin/env python3
"""Runs newsx over a JSON Lines dataset with PySpark: each partition's lines are piped through
`newsx extract - -o - -q --errors inline --keep-going`, the records collected into a DataFrame, and
written as Parquet.

    python3 scripts/spark/newsx_spark.py articles.jsonl out/ --newsx target/release/newsx

writes out/articles (one row per article record, nested as in articles.jsonl), out/quotes (one row
per quote, flat, with the article's outlet and published) and out/errors (one row per refused line:
id, kind, message), and prints one JSON line of counts. It fails when the records out are not the
records in, or an id repeats (see the README's "Running on Spark"; tests/spark.rs runs it).
"""
import argparse
import json
import os
import shlex
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("input", help="JSON Lines file or folder: one article a line, each with an id")
    p.add_argument("output", help="folder for the Parquet datasets (replaced)")
    p.add_argument("--newsx", default="newsx", help="the newsx binary (on every worker)")
    p.add_argument("--master", default="local[2]")
    p.add_argument("--partitions", type=int, default=4)
    args = p.parse_args()

    # the Python workers run the same interpreter as this driver
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(args.master)
        .appName("newsx")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    lines = spark.sparkContext.textFile(args.input, minPartitions=args.partitions)
    lines = lines.filter(lambda l: l.strip() != "")
    # a refused line comes out as an {"id", "error"} record, so nothing goes missing, and exit code 0
    # (--keep-going) lets checkCode stop the job only on what is not an article's fault
    command = f"{shlex.quote(args.newsx)} extract - -o - -q --errors inline --keep-going"
    # cached: the schema inference, the counts and the writes read it, and newsx runs once
    records = spark.read.json(lines.pipe(command, checkCode=True).cache())

    if "error" in records.columns:
        articles = records.filter(F.col("error").isNull()).drop("error")
        errors = records.filter(F.col("error").isNotNull()).select(
            "id", F.col("error.kind").alias("kind"), F.col("error.message").alias("message")
        )
    else:
        articles = records
        errors = spark.createDataFrame([], "id string, kind string, message string")
    articles.write.mode("overwrite").parquet(os.path.join(args.output, "articles"))
    errors.write.mode("overwrite").parquet(os.path.join(args.output, "errors"))
    quotes = articles.select(
        F.col("id").alias("article_id"),
        "outlet",
        "published",
        F.explode("quotes").alias("q"),
    ).select(
        "article_id",
        F.col("q.id").alias("quote_id"),
        F.col("q.type").alias("type"),
        F.col("q.start").alias("start"),
        F.col("q.end").alias("end"),
        F.col("q.speaker").alias("speaker"),
        F.col("q.speaker_kind").alias("speaker_kind"),
        F.col("q.text").alias("text"),
        "outlet",
        "published",
    )
    quotes.write.mode("overwrite").parquet(os.path.join(args.output, "quotes"))

    counts = {
        "partitions": lines.getNumPartitions(),
        "records_in": lines.count(),
        "records_out": records.count(),
        "articles": articles.count(),
        "errors": errors.count(),
        "unique_ids": records.select("id").distinct().count(),
        "quotes": quotes.count(),
    }
    print(json.dumps(counts))
    spark.stop()
    if counts["records_out"] != counts["records_in"]:
        print(f"newsx_spark: {counts['records_in']} lines in, {counts['records_out']} records out "
              "(see the workers' stderr)", file=sys.stderr)
        return 1
    if counts["unique_ids"] != counts["records_out"]:
        print("newsx_spark: ids repeat across partitions; give every line an id", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

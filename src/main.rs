use std::io::{self, IsTerminal};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Parser;

use newsx::cli::{Cli, Command, RulesArg, RulesCommand};
use newsx::extract::{rule_files, Rules};
use newsx::pipeline::{self, Config};
use newsx::read::Input;
use newsx::rules::RuleSet;
use newsx::write::csv::CsvStyle;
use newsx::write::Format;

// The stages allocate many small records per article; mimalloc makes that cheaper than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc.h's `mi_option_purge_delay` (v3; the -sys crate names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
/// Milliseconds before freed memory goes back to the system: mimalloc's default of a second
/// kept an 8 MiB article's stage buffers resident while its output was built (+40% peak RSS).
const PURGE_DELAY_MS: std::ffi::c_long = 100;

fn main() -> ExitCode {
    // SAFETY: sets an option before any thread starts; MIMALLOC_PURGE_DELAY still overrides it.
    unsafe { libmimalloc_sys::mi_option_set_default(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsx: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<pipeline::PipelineError>().is_some_and(|p| {
                matches!(p, pipeline::PipelineError::Output(io) if io.kind() == io::ErrorKind::BrokenPipe)
            })
    })
}

fn load_rules(arg: &RulesArg) -> Result<Rules> {
    let set = match &arg.rules {
        Some(dir) => Rules::set_with_overrides(dir)?,
        None => Rules::builtin_set(),
    };
    Ok(Rules::compile(&set)?)
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => {
            if args.stream.errors == "inline" && args.output != "-" {
                anyhow::bail!(
                    "--errors inline needs -o - (into a folder, refused articles go to errors.csv)"
                );
            }
            if let (Some(flag), "-") = (args.outputs.folder_only(), args.output.as_str()) {
                bail!("{flag} needs an output folder; -o - writes only JSON Lines to stdout");
            }
            if args.excel && args.outputs.format == Format::Parquet {
                bail!("--excel shapes CSV files; it does nothing with --format parquet");
            }
            let rules = load_rules(&args.rules)?;
            let config = Config {
                inputs: args.inputs.iter().map(|s| Input::parse(s)).collect(),
                out_dir: (args.output != "-").then(|| args.output.clone().into()),
                jobs: args.jobs.map_or_else(
                    || std::thread::available_parallelism().map_or(1, |n| n.get()),
                    usize::from,
                ),
                force: args.force,
                style: CsvStyle { excel: args.excel },
                max_bytes: args.max_bytes,
                progress: !args.quiet && io::stderr().is_terminal(),
                formats: newsx::read::Formats {
                    stdin: args.formats.stdin_format,
                    columns: args.formats.columns(),
                    html: Some(rules.html.clone()),
                    id_prefix: args.stream.id_prefix.clone(),
                },
                errors_inline: args.stream.errors == "inline",
                outputs: args.outputs.outputs(),
            };
            let s = pipeline::run(&config, &rules)?;
            if s.read_nothing {
                eprintln!(
                    "newsx: read no article; the earlier output in {} is left as it was",
                    args.output
                );
                return Ok(ExitCode::from(1));
            }
            if !args.quiet {
                let mb = s.bytes as f64 / 1e6;
                eprintln!(
                    "newsx: {} articles ({} new, {} changed, {} unchanged, {} removed), {} sentences, \
                     {} quotes, {} entities, {} errors in {:.2} s ({:.1} MB/s){}",
                    s.articles,
                    s.new,
                    s.changed,
                    s.unchanged,
                    s.removed,
                    s.sentences,
                    s.quotes,
                    s.entities,
                    s.errors,
                    s.seconds,
                    mb / s.seconds.max(1e-9),
                    if s.wrote { "" } else { "; nothing changed, output left as it was" },
                );
                if s.cut_cells > 0 {
                    eprintln!(
                        "newsx: {} workbook cells over {} characters were cut (marked \"… [cut from N \
                         characters]\"); articles.jsonl holds them whole",
                        s.cut_cells,
                        newsx::write::xlsx::MAX_CELL_CHARS
                    );
                }
            }
            Ok(if s.errors > 0 && !args.stream.keep_going {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Rules(RulesCommand::Export { dir }) => {
            let written = RuleSet::export_builtin(rule_files(), &dir)?;
            eprintln!(
                "newsx: wrote {} rule files to {}",
                written.len(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules(RulesCommand::Check { dir }) => {
            let set = Rules::set_with_overrides(&dir)?;
            Rules::compile(&set)?;
            eprintln!("newsx: rules in {} are valid", dir.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(args) => {
            let rules = load_rules(&args.rules)?;
            let report = newsx::eval::run(&args.gold, &rules)
                .with_context(|| format!("evaluating {}", args.gold.display()))?;
            if args.json {
                println!("{}", serde_json::to_string(&report.figures)?);
            } else {
                print!("{}", report.render(args.show_errors));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Report(args) => {
            let started = std::time::Instant::now();
            let out = args.output.unwrap_or_else(|| args.dir.join("report.html"));
            let w = newsx::report::write(&args.dir, &out)?;
            if !args.quiet {
                eprintln!(
                    "newsx: wrote {} ({} KB) for {} articles in {:.2} s",
                    w.path.display(),
                    w.bytes.div_ceil(1000),
                    w.articles,
                    started.elapsed().as_secs_f64()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

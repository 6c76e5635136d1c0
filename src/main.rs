//! The `zeef` binary: parse flags, build the configuration, run, map the outcome to an exit
//! code. Everything else lives in the library.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use zeef::cli::{Cli, CliCommand, GenerateArgs};
use zeef::ui::Progress;

/// Tells mimalloc to hold freed memory for a second before returning it to the system
/// (unless the user set it). Each batch frees tens of megabytes that the next batch needs
/// again; returned at once (mimalloc's default of 10 ms), the kernel zeroes it anew each
/// time, which cost 9% of a run in perf. Set before any thread starts.
fn keep_freed_memory_a_while() {
    const PURGE_DELAY: &str = "MIMALLOC_PURGE_DELAY";
    if std::env::var_os(PURGE_DELAY).is_none() {
        std::env::set_var(PURGE_DELAY, "1000");
    }
}

/// Exit codes (also in `--help` and the README).
#[repr(u8)]
enum Exit {
    Ok = 0,
    CheckFailed = 1,
    Error = 2,
}

/// mimalloc: the pipeline allocates and frees many short-lived vectors per block on every
/// worker thread, which the system allocator serves several times slower.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    keep_freed_memory_a_while();
    let _ = ctrlc::set_handler(|| {
        zeef::write::remove_pending();
        std::process::exit(130);
    });
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                Exit::Error as u8
            } else {
                Exit::Ok as u8
            });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("zeef: {e:#}");
            ExitCode::from(Exit::Error as u8)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Exit> {
    if let CliCommand::Generate(args) = &cli.command {
        generate(args)?;
        return Ok(Exit::Ok);
    }
    if let CliCommand::Floor(args) = &cli.command {
        let started = std::time::Instant::now();
        let (bytes, hash) = zeef::read::hash_file(&args.input)?;
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "{{\"bytes\":{bytes},\"xxh3\":\"{hash:016x}\",\"seconds\":{seconds:.6},\"mb_per_s\":{:.1}}}",
            bytes as f64 / 1e6 / seconds.max(1e-9)
        );
        return Ok(Exit::Ok);
    }
    let gold = match &cli.command {
        CliCommand::Eval(args) => Some(zeef::eval::read_gold(&args.gold)?),
        _ => None,
    };
    let Some((config, print_config)) = cli.into_config()? else {
        return Ok(Exit::Ok);
    };
    if print_config {
        println!("{}", serde_json::to_string_pretty(&config)?);
        return Ok(Exit::Ok);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()
        .context("cannot start worker threads")?;
    let progress = Progress::new(config.quiet);
    let outcome = pool.install(|| zeef::run(&config, &progress))?;
    if let Some(gold) = gold {
        let scores = zeef::eval::score_report(&outcome.report, &gold);
        println!("{}", scores.summary());
        return Ok(Exit::Ok);
    }
    if !config.quiet {
        eprint!("{}", outcome.report.summary());
    }
    Ok(if outcome.passed() {
        Exit::Ok
    } else {
        Exit::CheckFailed
    })
}

fn generate(args: &GenerateArgs) -> anyhow::Result<()> {
    let config = zeef::synth::SynthConfig {
        seed: args.seed,
        documents: args.docs,
        sites: args.sites,
        ..Default::default()
    };
    let docs = zeef::synth::generate(&config);
    let write_lines = |path: &std::path::Path,
                       lines: &dyn Fn(&zeef::synth::SynthDoc) -> Vec<String>|
     -> anyhow::Result<()> {
        let body = |out: &mut dyn Write| -> std::io::Result<()> {
            for d in &docs {
                for line in lines(d) {
                    writeln!(out, "{line}")?;
                }
            }
            Ok(())
        };
        if path.as_os_str() == "-" {
            body(&mut std::io::stdout().lock())?;
        } else {
            zeef::write::AtomicFile::create(path)?.write_with(body)?;
        }
        Ok(())
    };
    write_lines(&args.output, &|d| vec![d.to_json_line()])?;
    if let Some(gold) = &args.gold {
        write_lines(gold, &|d| vec![d.gold_json_line()])?;
    }
    if let Some(gold) = &args.line_gold {
        write_lines(gold, &|d| d.line_gold_json_lines())?;
    }
    if let Some(gold) = &args.text_gold {
        write_lines(gold, &|d| vec![d.text_gold_json_line()])?;
    }
    Ok(())
}

// Command moviebot is a Discord bot that answers movie questions from a local
// SQLite knowledge base built from captured film pages.
//
// Run with no arguments and no Discord credentials, it opens an interactive
// console on the bundled knowledge base. See `moviebot help`.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"moviebot/knowledge"
	"moviebot/knowledge/ingest"
)

// env is the process environment, passed in so tests can set their own.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

// usageError marks a mistake in how the command was called: main prints it
// with a hint and exits 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	err := run(ctx, os.Args[1:], e)
	stop()
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return
	}
	fmt.Fprintln(os.Stderr, "moviebot:", err)
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(os.Stderr, "run `moviebot help` for usage")
		os.Exit(2)
	}
	os.Exit(1)
}

const usage = `moviebot answers movie questions on Discord from a local knowledge base.

Usage:
  moviebot                      gateway bot if DISCORD_TOKEN is set, else the console
  moviebot console [--db PATH]  interactive console: type slash commands
  moviebot ask [--db PATH] [--json] [--autocomplete] "/cast film:leaving las vegas"
  moviebot serve [flags]        run on Discord (gateway, or --http ADDR for an endpoint)
  moviebot ingest [--db PATH] FILE|DIR...
                                add film pages to a knowledge base
  moviebot export [--db PATH]   print the knowledge base as JSON
  moviebot help                 this text

With no --db (and no MOVIEBOT_DB), commands use the default knowledge base,
built from the bundled pages at %s.
`

func run(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 {
		return runDefault(ctx, e)
	}
	switch args[0] {
	case "ingest":
		return runIngest(ctx, args[1:], e)
	case "export":
		return runExport(ctx, args[1:], e)
	case "help", "-h", "--help", "-help":
		fmt.Fprintf(e.stdout, usage, defaultDBPath())
		return nil
	}
	if cmd, ok := extraCommands[args[0]]; ok {
		return cmd(ctx, args[1:], e)
	}
	return &usageError{fmt.Sprintf("unknown command %q", args[0])}
}

// extraCommands are the subcommands defined in other files of this package.
var extraCommands = map[string]func(context.Context, []string, *env) error{}

// runDefault is what `go run .` does: the bot when credentials are set, the
// console otherwise.
var runDefault = func(ctx context.Context, e *env) error {
	if cmd, ok := extraCommands["console"]; ok {
		return cmd(ctx, nil, e)
	}
	fmt.Fprintf(e.stdout, usage, defaultDBPath())
	return nil
}

// defaultDBPath is where the default knowledge base lives: the user's cache
// directory, since it can always be rebuilt from the bundled pages.
func defaultDBPath() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "moviebot", "knowledge.db")
}

// dbFlag registers the --db flag on fs.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "knowledge base file (default: $MOVIEBOT_DB, else the bundled knowledge base)")
}

// explicitDB is the knowledge base the user named, with --db or MOVIEBOT_DB,
// or "" for the default one.
func explicitDB(flagValue string, e *env) string {
	if flagValue != "" {
		return flagValue
	}
	return e.getenv("MOVIEBOT_DB")
}

// openStore opens the knowledge base the user named, or the default one
// (rebuilt from the bundled pages and any pages ingested into it).
func openStore(ctx context.Context, flagValue string, e *env) (*knowledge.Store, error) {
	path := explicitDB(flagValue, e)
	if path == "" {
		path = defaultDBPath()
		if _, err := ingest.EnsureBundled(ctx, path); err != nil {
			return nil, fmt.Errorf("build the default knowledge base at %s: %w", path, err)
		}
	}
	return knowledge.Open(ctx, path)
}

// newFlagSet returns a flag set that reports errors instead of exiting.
func newFlagSet(name string, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// parseFlags parses args, turning a flag mistake into a usage error. Flags
// may come before or after the positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

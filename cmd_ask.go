package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"moviebot/commands"
	"moviebot/knowledge"
	"moviebot/knowledge/search"
)

func init() {
	extraCommands["ask"] = runAsk
	extraCommands["console"] = runConsole
}

// newRouter opens the knowledge base, loads its search indexes and builds
// the command router on it. close releases the knowledge base.
func newRouter(ctx context.Context, db string, e *env, log *slog.Logger) (r *commands.Router, st *knowledge.Store, close func(), err error) {
	if st, err = openStore(ctx, db, e); err != nil {
		return nil, nil, nil, err
	}
	x, err := search.Load(ctx, st)
	if err != nil {
		st.Close()
		return nil, nil, nil, fmt.Errorf("load the search indexes of %s: %w", st.Path(), err)
	}
	if r, err = commands.New(ctx, st, commands.Options{Logger: log, Indexes: x}); err != nil {
		st.Close()
		return nil, nil, nil, err
	}
	return r, st, func() { st.Close() }, nil
}

// runAsk implements `moviebot ask [--db PATH] [--json] [--autocomplete] "/command option:value ..."`.
func runAsk(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("ask", e)
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print the exact InteractionResponse JSON Discord would receive")
	complete := fs.Bool("autocomplete", false, "print the autocomplete choices for the last option instead")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, `usage: moviebot ask [--db PATH] [--json] [--autocomplete] "/command option:value ..."

Runs one slash command through the bot's router and prints the reply.
Options follow Discord's chat input: /quote search:prickly pear film:leaving las vegas`)
		fs.PrintDefaults()
	}
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	line := strings.TrimSpace(strings.Join(rest, " "))
	if line == "" {
		return &usageError{`ask needs a command, like "/movie film:leaving las vegas"`}
	}
	r, _, done, err := newRouter(ctx, *db, e, slog.New(slog.NewTextHandler(e.stderr, nil)))
	if err != nil {
		return err
	}
	defer done()
	it, err := r.ParseChatInput(line, *complete)
	if err != nil {
		return &usageError{err.Error()}
	}
	resp := r.Handle(ctx, it)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(resp)
	}
	fmt.Fprint(e.stdout, commands.Render(resp))
	return nil
}

const consoleHelp = `Type slash commands as you would in Discord, for example:
  /movie film:leaving las vegas
  /cast film:leaving las vegas character:yuri
  /quote search:prickly pear
  /ask question:who directed it
A number presses that button of the last reply. "? /cast film:leav" shows
autocomplete suggestions. "help" lists the commands, "quit" leaves.`

// runConsole implements `moviebot console [--db PATH]`, the interactive
// terminal that `go run .` opens without Discord credentials.
func runConsole(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("console", e)
	db := dbFlag(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &usageError{"console takes no arguments"}
	}
	r, _, done, err := newRouter(ctx, *db, e, slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		return err
	}
	defer done()
	fmt.Fprintln(e.stdout, "moviebot console: no Discord credentials set, so you are talking to the bot here.")
	fmt.Fprintln(e.stdout, consoleHelp)
	var last []discordgo.Button
	in := bufio.NewScanner(e.stdin)
	in.Buffer(make([]byte, 64*1024), 1<<20)
	for {
		fmt.Fprint(e.stdout, "\nmoviebot> ")
		if !in.Scan() {
			fmt.Fprintln(e.stdout)
			return in.Err()
		}
		if ctx.Err() != nil {
			return nil
		}
		line := strings.TrimSpace(in.Text())
		var it *discordgo.Interaction
		switch {
		case line == "":
			continue
		case line == "quit" || line == "exit":
			return nil
		case line == "help":
			fmt.Fprintln(e.stdout, consoleHelp)
			continue
		case isNumber(line):
			n, _ := strconv.Atoi(line)
			if n < 1 || n > len(last) {
				fmt.Fprintf(e.stdout, "There is no button %d on the last reply.\n", n)
				continue
			}
			it = commands.ButtonInteraction(last[n-1].CustomID)
		case strings.HasPrefix(line, "?"):
			it, err = r.ParseChatInput(strings.TrimSpace(line[1:]), true)
		default:
			it, err = r.ParseChatInput(line, false)
		}
		if err != nil {
			fmt.Fprintln(e.stdout, err)
			continue
		}
		resp := r.Handle(ctx, it)
		fmt.Fprint(e.stdout, commands.Render(resp))
		if resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
			last = commands.Buttons(resp)
		}
	}
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

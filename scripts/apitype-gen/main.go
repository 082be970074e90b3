// Command apitype-gen translates the exported JSON wire types of one Go
// package into a single TypeScript module. It parses source with go/parser and
// evaluates constants with go/constant, so it needs no build of the package.
// scripts/gen-apitype.sh copies it into a scratch module and runs it there.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"os"
	"os/exec"
	"sort"
	"strings"
)

// override is a hand-written TypeScript type for a Go type that the generator
// must not translate field by field.
type override struct {
	TS       string `json:"ts"`
	Nullable bool   `json:"nullable"` // true when Go can encode the value as JSON null
	Note     string `json:"note"`
}

type config struct {
	About    string              `json:"about"`
	External map[string]override `json:"external"` // keyed by "importpath.Name"
	Local    map[string]override `json:"local"`    // keyed by type name in the main package
	Follow   map[string]string   `json:"follow"`   // import path to TypeScript name prefix
	Skip     []string            `json:"skip"`     // main-package types that are not wire types
}

type gen struct {
	cfg      config
	fset     *token.FileSet
	main     *pkg
	pkgs     map[string]*pkg
	skip     map[string]bool
	used     map[string]bool
	queue    []*typeDecl
	queued   map[*typeDecl]bool
	errs     []string
	nameSeen map[string]string
}

func main() {
	configPath := flag.String("config", "", "generator config file (JSON)")
	outPath := flag.String("out", "", "TypeScript output file")
	header := flag.String("header", "", "text written at the top of the output")
	pkgPath := flag.String("pkg", "", "import path of the Go package to translate")
	flag.Parse()

	if err := generate(*configPath, *outPath, *header, *pkgPath); err != nil {
		fmt.Fprintln(os.Stderr, "apitype-gen:", err)
		os.Exit(1)
	}
}

// generate resolves the main package and the config's followed packages with
// go list, so their source comes from the module graph of the current module.
func generate(configPath, outPath, header, pkgPath string) error {
	cfg, err := loadConfig(configPath)
	if err != nil {
		return err
	}
	paths := []string{pkgPath}
	for path := range cfg.Follow {
		paths = append(paths, path)
	}
	sort.Strings(paths[1:])

	var specs []string
	var sources strings.Builder
	sources.WriteString("//\n// Go packages read, with the module versions that go list resolved:\n")
	for _, path := range paths {
		out, err := exec.Command("go", "list", "-f", "{{.Dir}}\t{{.Module.Path}} {{.Module.Version}}", path).Output()
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return fmt.Errorf("go list %s failed: %w\n%s", path, err, exitErr.Stderr)
		}
		if err != nil {
			return fmt.Errorf("go list %s failed: %w", path, err)
		}
		dir, module, _ := strings.Cut(strings.TrimSpace(string(out)), "\t")
		specs = append(specs, path+"="+dir)
		fmt.Fprintf(&sources, "//   %s (module %s)", path, module)
		if prefix := cfg.Follow[path]; prefix != "" {
			fmt.Fprintf(&sources, ", types reached from the main package, names prefixed %s", prefix)
		}
		sources.WriteString("\n")
	}
	return run(cfg, outPath, header+sources.String(), specs[0], specs[1:])
}

func loadConfig(path string) (config, error) {
	var cfg config
	raw, err := os.ReadFile(path)
	if err != nil {
		return cfg, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cfg); err != nil {
		return cfg, fmt.Errorf("invalid config %s: %w", path, err)
	}
	return cfg, nil
}

// run translates the main package, given as importpath=dir, and the followed
// packages it reaches, and writes the output file only when nothing failed.
func run(cfg config, outPath, header, mainSpec string, follows []string) error {
	g := &gen{cfg: cfg, fset: token.NewFileSet(), pkgs: map[string]*pkg{}, skip: map[string]bool{},
		used: map[string]bool{}, queued: map[*typeDecl]bool{}, nameSeen: map[string]string{}}
	for _, name := range g.cfg.Skip {
		g.skip[name] = true
	}

	var err error
	if g.main, err = g.load(mainSpec, ""); err != nil {
		return err
	}
	for _, spec := range follows {
		path, _, _ := strings.Cut(spec, "=")
		prefix, ok := g.cfg.Follow[path]
		if !ok {
			return fmt.Errorf("followed package %s has no prefix in the config's follow map", path)
		}
		if _, err := g.load(spec, prefix); err != nil {
			return err
		}
	}

	var out strings.Builder
	out.WriteString(header)
	g.emitMain(&out)
	g.emitFollowed(&out)
	g.checkUnused()
	if len(g.errs) > 0 {
		return errors.New("translation failed:\n  " + strings.Join(dedupe(g.errs), "\n  "))
	}

	tmp := outPath + ".tmp"
	if err := os.WriteFile(tmp, []byte(out.String()), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, outPath)
}

func (g *gen) fail(pos token.Pos, format string, args ...any) {
	g.errs = append(g.errs, g.fset.Position(pos).String()+": "+fmt.Sprintf(format, args...))
}

func (g *gen) checkUnused() {
	var unused []string
	for key := range g.cfg.External {
		if !g.used["external:"+key] {
			unused = append(unused, "external "+key)
		}
	}
	for key := range g.cfg.Local {
		if !g.used["local:"+key] {
			unused = append(unused, "local "+key)
		}
	}
	for _, key := range g.cfg.Skip {
		if !g.used["skip:"+key] {
			unused = append(unused, "skip "+key)
		}
	}
	for key := range g.cfg.Follow {
		if !g.used["follow:"+key] {
			unused = append(unused, "follow "+key+" (no type of it is reached)")
		}
	}
	sort.Strings(unused)
	for _, entry := range unused {
		g.errs = append(g.errs, "config entry is not used by this package version: "+entry)
	}
}

// dedupe drops repeated messages, which arise because embedded structs are
// walked once for their own output and again for their promoted field names.
func dedupe(messages []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range messages {
		if !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	return out
}

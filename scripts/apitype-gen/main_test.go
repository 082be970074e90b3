package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const fixtureMain = `package wire

import (
	"encoding/json"
	"time"

	"example.com/ext"
	"example.com/opt"
)

type Kind int

const (
	KindFirst Kind = iota + 1
	KindSecond
	KindShifted = 1 << 4
)

type Color string

const (
	ColorRed Color = "red"
	Favorite       = ColorRed
)

// Deprecated: use Current.
type Legacy struct{}

type Base struct {
	ID    string ` + "`json:\"id\"`" + `
	Shared int   ` + "`json:\"shared\"`" + `
}

type Item struct {
	Base
	Shared   string            ` + "`json:\"shared\"`" + `
	Name     string            ` + "`json:\"name\"`" + `
	Note     *string           ` + "`json:\"note,omitempty\"`" + `
	Parent   *Item             ` + "`json:\"parent\"`" + `
	Tags     []string          ` + "`json:\"tags\"`" + `
	Labels   map[string]any    ` + "`json:\"labels\"`" + `
	Blob     []byte            ` + "`json:\"blob,omitempty\"`" + `
	Raw      json.RawMessage   ` + "`json:\"raw\"`" + `
	At       time.Time         ` + "`json:\"at\"`" + `
	Count    int64             ` + "`json:\"count,string\"`" + `
	Hidden   string            ` + "`json:\"-\"`" + `
	internal string
	NoTag    bool
	Dashed   string            ` + "`json:\"x-dashed\"`" + `
	Remote   ext.Thing         ` + "`json:\"remote\"`" + `
	Maybe    opt.Value[Kind]   ` + "`json:\"maybe,omitempty\"`" + `
	Kind     Kind              ` + "`json:\"kind\"`" + `
	Nested   []*Item           ` + "`json:\"nested,omitempty\"`" + `
	Inline   struct{ A int }   ` + "`json:\"inline\"`" + `
}

type Any interface{ isAny() }

type Custom struct{ v string }

func (c Custom) MarshalJSON() ([]byte, error) { return json.Marshal(c.v) }

type NotWire struct{ C chan int }
`

const fixtureExt = `package ext

type Thing struct {
	Level Level ` + "`json:\"level\"`" + `
}

type Level string

const LevelHigh Level = "high"
`

const fixtureOpt = `package opt

type Value[T any] []T
`

type fixture struct {
	dir        string
	configPath string
	outPath    string
	mainSpec   string
	follows    []string
}

func writeFixture(t *testing.T, config string) fixture {
	t.Helper()
	dir := t.TempDir()
	for name, src := range map[string]string{
		"wire/wire.go": fixtureMain, "ext/ext.go": fixtureExt, "opt/opt.go": fixtureOpt, "config.json": config,
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return fixture{
		dir:        dir,
		configPath: filepath.Join(dir, "config.json"),
		outPath:    filepath.Join(dir, "out.ts"),
		mainSpec:   "example.com/wire=" + filepath.Join(dir, "wire"),
		follows:    []string{"example.com/ext=" + filepath.Join(dir, "ext")},
	}
}

const validConfig = `{
  "external": {
    "encoding/json.RawMessage": { "ts": "unknown", "nullable": true },
    "time.Time": { "ts": "string" },
    "example.com/opt.Value": { "ts": "$0 | null", "nullable": true }
  },
  "local": { "Custom": { "ts": "string", "note": "Written as its inner string." } },
  "follow": { "example.com/ext": "Ext" },
  "skip": ["NotWire"]
}`

func runFixture(t *testing.T, fx fixture) (string, error) {
	t.Helper()
	cfg, err := loadConfig(fx.configPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := run(cfg, fx.outPath, "// header\n", fx.mainSpec, fx.follows); err != nil {
		return "", err
	}
	out, readErr := os.ReadFile(fx.outPath)
	if readErr != nil {
		t.Fatal(readErr)
	}
	return string(out), nil
}

func TestGenerateFixture(t *testing.T) {
	out, err := runFixture(t, writeFixture(t, validConfig))
	if err != nil {
		t.Fatalf("run failed: %v", err)
	}
	want := []string{
		"// header\n",
		"export const KindFirst: Kind = 1;\n",
		"export const KindSecond: Kind = 2;\n",
		"export const KindShifted = 16;\n",
		"export const Favorite: Color = \"red\";\n",
		"/** @deprecated */\nexport type Legacy = Record<string, never>;\n",
		"export interface Item extends Omit<Base, \"shared\"> {\n",
		"  shared: string;\n",
		"  note?: string;\n",
		"  parent: Item | null;\n",
		"  tags: string[] | null;\n",
		"  labels: Record<string, unknown> | null;\n",
		"  blob?: string;\n",
		"  raw: unknown;\n",
		"  at: string;\n",
		"  count: string;\n",
		"  NoTag: boolean;\n",
		"  \"x-dashed\": string;\n",
		"  remote: ExtThing;\n",
		"  maybe?: Kind | null;\n",
		"  nested?: Item[];\n",
		"  inline: { A: number };\n",
		"export type Any = unknown;\n",
		"// Written as its inner string.\nexport type Custom = string;\n",
		"export interface ExtThing {\n  level: ExtLevel;\n}\n",
		"export type ExtLevel = string;\nexport const ExtLevelHigh: ExtLevel = \"high\";\n",
	}
	for _, line := range want {
		if !strings.Contains(out, line) {
			t.Errorf("output lacks %q", line)
		}
	}
	for _, absent := range []string{"Hidden", "internal", "NotWire"} {
		if strings.Contains(out, absent) {
			t.Errorf("output contains %q", absent)
		}
	}
}

func TestCustomMarshalerNeedsOverride(t *testing.T) {
	config := strings.Replace(validConfig, `"Custom": { "ts": "string", "note": "Written as its inner string." }`, ``, 1)
	_, err := runFixture(t, writeFixture(t, config))
	if err == nil || !strings.Contains(err.Error(), "Custom has a custom MarshalJSON") {
		t.Fatalf("want a MarshalJSON error, got %v", err)
	}
}

func TestUnusedConfigEntryFails(t *testing.T) {
	config := strings.Replace(validConfig, `"time.Time": { "ts": "string" },`,
		`"time.Time": { "ts": "string" }, "time.Duration": { "ts": "number" },`, 1)
	_, err := runFixture(t, writeFixture(t, config))
	if err == nil || !strings.Contains(err.Error(), "external time.Duration") {
		t.Fatalf("want an unused-entry error, got %v", err)
	}
}

func TestUnmappedExternalTypeFails(t *testing.T) {
	config := strings.Replace(validConfig, `"time.Time": { "ts": "string" },`, ``, 1)
	_, err := runFixture(t, writeFixture(t, config))
	if err == nil || !strings.Contains(err.Error(), "no TypeScript type for time.Time") {
		t.Fatalf("want an unmapped-type error, got %v", err)
	}
}

func TestShadowingTypeNameFails(t *testing.T) {
	fx := writeFixture(t, validConfig)
	path := filepath.Join(fx.dir, "wire", "shadow.go")
	if err := os.WriteFile(path, []byte("package wire\n\ntype Omit struct{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := runFixture(t, fx)
	if err == nil || !strings.Contains(err.Error(), "would shadow the TypeScript type Omit") {
		t.Fatalf("want a shadowing error, got %v", err)
	}
}

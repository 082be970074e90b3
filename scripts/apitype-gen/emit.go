package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"sort"
	"strconv"
	"strings"
)

// emitMain writes the main package's exported types and constants in file
// and source order.
func (g *gen) emitMain(out *strings.Builder) {
	for _, f := range g.main.files {
		var section strings.Builder
		for _, decl := range f.ast.Decls {
			d, ok := decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, s := range d.Specs {
				switch spec := s.(type) {
				case *ast.TypeSpec:
					td := g.main.types[spec.Name.Name]
					if spec.Name.IsExported() && !g.skip[spec.Name.Name] {
						section.WriteString(g.renderType(td, spec.Name.Name))
					}
					if g.skip[spec.Name.Name] {
						g.used["skip:"+spec.Name.Name] = true
					}
				case *ast.ValueSpec:
					if d.Tok != token.CONST {
						continue
					}
					for _, name := range spec.Names {
						if name.IsExported() {
							section.WriteString(g.renderConst(g.main.consts[name.Name], name.Name))
						}
					}
				}
			}
		}
		if section.Len() > 0 {
			fmt.Fprintf(out, "\n// ---- from %s ----\n%s", f.name, section.String())
		}
	}
}

// emitFollowed writes the types of followed packages that the main package
// reaches, sorted by name, each with the constants declared with its type.
func (g *gen) emitFollowed(out *strings.Builder) {
	rendered := map[*pkg]map[string]string{}
	for len(g.queue) > 0 {
		td := g.queue[0]
		g.queue = g.queue[1:]
		name := td.pkg.prefix + td.spec.Name.Name
		var text strings.Builder
		text.WriteString(g.renderType(td, name))
		constNames := make([]string, 0)
		for constName, cd := range td.pkg.consts {
			if id, ok := cd.typ.(*ast.Ident); ok && id.Name == td.spec.Name.Name && ast.IsExported(constName) {
				constNames = append(constNames, constName)
			}
		}
		sort.Slice(constNames, func(i, j int) bool {
			return td.pkg.consts[constNames[i]].pos < td.pkg.consts[constNames[j]].pos
		})
		for _, constName := range constNames {
			text.WriteString(g.renderConst(td.pkg.consts[constName], td.pkg.prefix+constName))
		}
		if rendered[td.pkg] == nil {
			rendered[td.pkg] = map[string]string{}
		}
		rendered[td.pkg][name] = text.String()
	}

	paths := make([]string, 0, len(rendered))
	for p := range rendered {
		paths = append(paths, p.path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		byName := rendered[g.pkgs[path]]
		names := make([]string, 0, len(byName))
		for name := range byName {
			names = append(names, name)
		}
		sort.Strings(names)
		fmt.Fprintf(out, "\n// ---- types reached in %s ----\n", path)
		for _, name := range names {
			out.WriteString(byName[name])
		}
	}
}

// reservedTypeNames are the TypeScript utility types that the output uses,
// which a generated type declaration must not shadow.
var reservedTypeNames = map[string]bool{"Record": true, "Omit": true, "Partial": true}

func (g *gen) claimName(name, owner string, isType bool) {
	if isType && reservedTypeNames[name] {
		g.errs = append(g.errs, fmt.Sprintf("%s would shadow the TypeScript type %s; give the package a prefix", owner, name))
	}
	if prev, ok := g.nameSeen[name]; ok && prev != owner {
		g.errs = append(g.errs, fmt.Sprintf("TypeScript name %s is used by both %s and %s", name, prev, owner))
	}
	g.nameSeen[name] = owner
}

func (g *gen) renderType(td *typeDecl, name string) string {
	g.claimName(name, td.pkg.path+"."+td.spec.Name.Name, true)
	var b strings.Builder
	b.WriteString("\n")
	if td.deprecated {
		b.WriteString("/** @deprecated */\n")
	}
	if ov, key, ok := g.override(td.pkg, td.spec.Name.Name); ok {
		g.used[key] = true
		if ov.Note != "" {
			fmt.Fprintf(&b, "// %s\n", ov.Note)
		}
		fmt.Fprintf(&b, "export type %s = %s;\n", name, ov.TS)
		return b.String()
	}
	if method, ok := td.pkg.marshalers[td.spec.Name.Name]; ok && !keepsShape(td, method) {
		g.fail(td.spec.Pos(), "%s has a custom %s; give it an override in the config", td.spec.Name.Name, method)
	}
	if td.spec.TypeParams != nil {
		g.fail(td.spec.Pos(), "%s is generic, which the generator does not translate", td.spec.Name.Name)
		return ""
	}

	st, isStruct := td.spec.Type.(*ast.StructType)
	if !isStruct || td.spec.Assign.IsValid() {
		fmt.Fprintf(&b, "export type %s = %s;\n", name, g.tsType(td.spec.Type, td.file, td.pkg))
		return b.String()
	}
	fields, embeds := g.structFields(st, td.file, td.pkg, true)
	if len(fields) == 0 && len(embeds) == 0 {
		fmt.Fprintf(&b, "export type %s = Record<string, never>;\n", name)
		return b.String()
	}
	fmt.Fprintf(&b, "export interface %s", name)
	if len(embeds) > 0 {
		b.WriteString(" extends " + strings.Join(g.baseClauses(td, fields, embeds), ", "))
	}
	b.WriteString(" {\n")
	for _, fld := range fields {
		if fld.deprecated {
			b.WriteString("  /** @deprecated */\n")
		}
		fmt.Fprintf(&b, "  %s: %s;\n", fld.key(), fld.ts)
	}
	b.WriteString("}\n")
	return b.String()
}

// keepsShape reports whether a type's custom JSON methods leave its encoded
// form as the declaration shows: decode-only methods, or text marshaling of
// a string type. indexFile records one method per type, preferring
// MarshalJSON, then MarshalText, then the decoders.
func keepsShape(td *typeDecl, method string) bool {
	if method == "UnmarshalJSON" || method == "UnmarshalText" {
		return true
	}
	id, ok := td.spec.Type.(*ast.Ident)
	return ok && id.Name == "string" && method == "MarshalText"
}

func (g *gen) override(p *pkg, name string) (override, string, bool) {
	if p == g.main {
		ov, ok := g.cfg.Local[name]
		return ov, "local:" + name, ok
	}
	ov, ok := g.cfg.External[p.path+"."+name]
	return ov, "external:" + p.path + "." + name, ok
}

// baseClauses renders the extends list. A field declared in the struct hides
// a promoted field with the same JSON name. A name promoted by two embedded
// structs is omitted from both, as encoding/json drops such duplicates.
// NOTE: the depth and tagged-field tie-breaks of encoding/json are not
// modelled, so each dropped name is printed as a warning to check by hand.
func (g *gen) baseClauses(td *typeDecl, own []field, embeds []embed) []string {
	ownNames := map[string]bool{}
	for _, fld := range own {
		ownNames[fld.name] = true
	}
	promoted := make([]map[string]bool, len(embeds))
	count := map[string]int{}
	for i, e := range embeds {
		promoted[i] = g.jsonNames(e.td, 0)
		for name := range promoted[i] {
			count[name]++
		}
	}
	clauses := make([]string, 0, len(embeds))
	for i, e := range embeds {
		var hidden []string
		for name := range promoted[i] {
			if ownNames[name] || count[name] > 1 {
				hidden = append(hidden, strconv.Quote(name))
			}
			if count[name] > 1 && !ownNames[name] {
				fmt.Fprintf(os.Stderr, "apitype-gen: warning: %s: field %q is ambiguous and dropped\n",
					td.spec.Name.Name, name)
			}
		}
		sort.Strings(hidden)
		clause := g.tsType(e.td.spec.Name, e.td.file, e.td.pkg)
		if len(hidden) > 0 {
			clause = fmt.Sprintf("Omit<%s, %s>", clause, strings.Join(hidden, " | "))
		}
		if e.pointer {
			clause = "Partial<" + clause + ">"
		}
		clauses = append(clauses, clause)
	}
	return clauses
}

func (g *gen) jsonNames(td *typeDecl, depth int) map[string]bool {
	names := map[string]bool{}
	st, ok := td.spec.Type.(*ast.StructType)
	if !ok || depth > 10 {
		return names
	}
	fields, embeds := g.structFields(st, td.file, td.pkg, true)
	for _, fld := range fields {
		names[fld.name] = true
	}
	for _, e := range embeds {
		for name := range g.jsonNames(e.td, depth+1) {
			names[name] = true
		}
	}
	return names
}

package main

import (
	"go/ast"
	"reflect"
	"regexp"
	"strconv"
	"strings"
)

type field struct {
	name       string
	ts         string
	optional   bool
	deprecated bool
}

func (f field) key() string {
	key := f.name
	if !regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`).MatchString(key) {
		key = strconv.Quote(key)
	}
	if f.optional {
		key += "?"
	}
	return key
}

type embed struct {
	td      *typeDecl
	pointer bool
}

// structFields follows encoding/json: the tag name or else the Go name,
// "-" drops a field, and untagged embedded structs promote their fields.
func (g *gen) structFields(st *ast.StructType, f *srcFile, p *pkg, allowEmbed bool) ([]field, []embed) {
	var fields []field
	var embeds []embed
	for _, fld := range st.Fields.List {
		tagName, opts := "", map[string]bool{}
		if fld.Tag != nil {
			tag, _ := strconv.Unquote(fld.Tag.Value)
			if value, ok := reflect.StructTag(tag).Lookup("json"); ok {
				parts := strings.Split(value, ",")
				tagName = parts[0]
				for _, opt := range parts[1:] {
					opts[opt] = true
				}
				if value == "-" {
					continue
				}
			}
		}

		if len(fld.Names) == 0 && tagName == "" {
			if td, pointer := g.embeddedStruct(fld.Type, p); td != nil && allowEmbed {
				embeds = append(embeds, embed{td: td, pointer: pointer})
			} else {
				g.fail(fld.Pos(), "embedded field must be an exported struct of the same package")
			}
			continue
		}

		names := make([]string, 0, len(fld.Names))
		for _, id := range fld.Names {
			if id.IsExported() {
				names = append(names, id.Name)
			}
		}
		if len(fld.Names) == 0 {
			names = append(names, tagName)
		}
		for _, goName := range names {
			jsonName := goName
			if tagName != "" {
				jsonName = tagName
			}
			ts := g.tsType(fld.Type, f, p)
			omit := opts["omitempty"] || opts["omitzero"]
			if opts["string"] && (ts == "number" || ts == "boolean") {
				ts = "string"
			}
			if !omit && ts != "unknown" && g.nullable(fld.Type, f, p, 0) {
				ts += " | null"
			}
			fields = append(fields, field{name: jsonName, ts: ts, optional: omit,
				deprecated: isDeprecated(fld.Doc, fld.Comment)})
		}
	}
	return fields, embeds
}

func (g *gen) embeddedStruct(expr ast.Expr, p *pkg) (*typeDecl, bool) {
	pointer := false
	if star, ok := expr.(*ast.StarExpr); ok {
		expr, pointer = star.X, true
	}
	id, ok := expr.(*ast.Ident)
	if !ok || !id.IsExported() {
		return nil, false
	}
	td := p.types[id.Name]
	if td == nil {
		return nil, false
	}
	if _, ok := td.spec.Type.(*ast.StructType); !ok {
		return nil, false
	}
	return td, pointer
}

var builtinTS = map[string]string{
	"string": "string", "bool": "boolean", "any": "unknown",
	"int": "number", "int8": "number", "int16": "number", "int32": "number", "int64": "number",
	"uint": "number", "uint8": "number", "uint16": "number", "uint32": "number", "uint64": "number",
	"float32": "number", "float64": "number", "byte": "number", "rune": "number",
}

func (g *gen) tsType(expr ast.Expr, f *srcFile, p *pkg) string {
	switch t := expr.(type) {
	case *ast.Ident:
		if ts, ok := builtinTS[t.Name]; ok {
			return ts
		}
		return g.namedType(p, t)
	case *ast.SelectorExpr:
		path, ok := g.selectorPath(t, f)
		if !ok {
			return "unknown"
		}
		key := path + "." + t.Sel.Name
		if ov, ok := g.cfg.External[key]; ok {
			g.used["external:"+key] = true
			return ov.TS
		}
		if other, ok := g.pkgs[path]; ok && other != g.main {
			return g.namedType(other, t.Sel)
		}
		g.fail(t.Pos(), "no TypeScript type for %s; add it to the config's external map or follow its package", key)
		return "unknown"
	case *ast.StarExpr:
		return g.tsType(t.X, f, p)
	case *ast.ParenExpr:
		return g.tsType(t.X, f, p)
	case *ast.ArrayType:
		if id, ok := t.Elt.(*ast.Ident); ok && id.Name == "byte" && t.Len == nil {
			return "string" // encoding/json writes []byte as base64
		}
		elem := g.tsType(t.Elt, f, p)
		if hasTopLevelUnion(elem) {
			elem = "(" + elem + ")"
		}
		return elem + "[]"
	case *ast.MapType:
		return "Record<string, " + g.tsType(t.Value, f, p) + ">"
	case *ast.InterfaceType:
		return "unknown"
	case *ast.IndexExpr:
		return g.genericType(t.X, []ast.Expr{t.Index}, f, p)
	case *ast.IndexListExpr:
		return g.genericType(t.X, t.Indices, f, p)
	case *ast.StructType:
		fields, _ := g.structFields(t, f, p, false)
		parts := make([]string, 0, len(fields))
		for _, fld := range fields {
			parts = append(parts, fld.key()+": "+fld.ts)
		}
		return "{ " + strings.Join(parts, "; ") + " }"
	}
	g.fail(expr.Pos(), "unsupported Go type expression %T", expr)
	return "unknown"
}

// genericType renders an instantiated generic type from its override, in
// which $0, $1, ... stand for the TypeScript types of the type arguments.
func hasTopLevelUnion(ts string) bool {
	depth := 0
	for _, r := range ts {
		switch r {
		case '(', '[', '{', '<':
			depth++
		case ')', ']', '}', '>':
			depth--
		case '|':
			if depth == 0 {
				return true
			}
		}
	}
	return false
}

func (g *gen) genericType(base ast.Expr, args []ast.Expr, f *srcFile, p *pkg) string {
	key, ok := g.typeKey(base, f, p)
	ov, found := g.cfg.External[key]
	if !ok || !found {
		g.fail(base.Pos(), "generic type %s needs an override in the config's external map", key)
		return "unknown"
	}
	g.used["external:"+key] = true
	ts := ov.TS
	for i, arg := range args {
		ts = strings.ReplaceAll(ts, "$"+strconv.Itoa(i), g.tsType(arg, f, p))
	}
	return ts
}

// typeKey returns the "importpath.Name" key of a named type expression.
func (g *gen) typeKey(expr ast.Expr, f *srcFile, p *pkg) (string, bool) {
	switch t := expr.(type) {
	case *ast.Ident:
		return p.path + "." + t.Name, true
	case *ast.SelectorExpr:
		path, ok := g.selectorPath(t, f)
		return path + "." + t.Sel.Name, ok
	}
	return "", false
}

func (g *gen) selectorPath(sel *ast.SelectorExpr, f *srcFile) (string, bool) {
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		g.fail(sel.Pos(), "unsupported selector expression")
		return "", false
	}
	path, ok := f.imports[id.Name]
	if !ok {
		g.fail(sel.Pos(), "package %s is not imported by %s", id.Name, f.name)
	}
	return path, ok
}

// namedType returns the TypeScript name for a type declared in p and, for a
// followed package, queues the declaration for output.
func (g *gen) namedType(p *pkg, id *ast.Ident) string {
	td := p.types[id.Name]
	switch {
	case td == nil && id.Name == "error":
		g.fail(id.Pos(), "error values have no JSON form; skip the type or override it")
		return "unknown"
	case td == nil:
		g.fail(id.Pos(), "type %s is not declared in %s", id.Name, p.path)
		return "unknown"
	case !id.IsExported():
		g.fail(id.Pos(), "exported field refers to unexported type %s", id.Name)
		return "unknown"
	case p == g.main && g.skip[id.Name]:
		g.fail(id.Pos(), "type %s is skipped in the config but still referenced", id.Name)
		return "unknown"
	case p == g.main:
		return id.Name
	}
	if ov, key, ok := g.override(p, id.Name); ok {
		g.used[key] = true
		return ov.TS
	}
	g.used["follow:"+p.path] = true
	if !g.queued[td] {
		g.queued[td] = true
		g.queue = append(g.queue, td)
	}
	return p.prefix + id.Name
}

// nullable reports whether encoding/json can write the Go value as null:
// nil pointers, slices, maps and interfaces.
func (g *gen) nullable(expr ast.Expr, f *srcFile, p *pkg, depth int) bool {
	if depth > 20 {
		return false
	}
	switch t := expr.(type) {
	case *ast.StarExpr, *ast.MapType, *ast.InterfaceType:
		return true
	case *ast.ArrayType:
		return t.Len == nil
	case *ast.ParenExpr:
		return g.nullable(t.X, f, p, depth+1)
	case *ast.IndexExpr:
		key, _ := g.typeKey(t.X, f, p)
		return g.cfg.External[key].Nullable
	case *ast.IndexListExpr:
		key, _ := g.typeKey(t.X, f, p)
		return g.cfg.External[key].Nullable
	case *ast.Ident:
		if t.Name == "any" || t.Name == "error" {
			return true
		}
		if td := p.types[t.Name]; td != nil {
			if ov, _, ok := g.override(p, t.Name); ok {
				return ov.Nullable
			}
			return g.nullable(td.spec.Type, td.file, td.pkg, depth+1)
		}
	case *ast.SelectorExpr:
		path, ok := g.selectorPath(t, f)
		if !ok {
			return false
		}
		if ov, ok := g.cfg.External[path+"."+t.Sel.Name]; ok {
			return ov.Nullable
		}
		if other, ok := g.pkgs[path]; ok {
			return g.nullable(t.Sel, f, other, depth+1)
		}
	}
	return false
}

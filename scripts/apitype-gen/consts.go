package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"strconv"
	"strings"
)

func (g *gen) renderConst(cd *constDecl, name string) string {
	value, err := g.constValue(cd)
	if err != nil {
		g.fail(cd.value.Pos(), "constant %s: %v", cd.name, err)
		return ""
	}
	g.claimName(name, cd.pkg.path+"."+cd.name, false)
	annotation := ""
	if typeName := g.constTypeName(cd, 0); typeName != "" {
		annotation = ": " + typeName
	}
	deprecated := ""
	if cd.deprecated {
		deprecated = "/** @deprecated */\n"
	}
	return fmt.Sprintf("%sexport const %s%s = %s;\n", deprecated, name, annotation, tsLiteral(value))
}

// constTypeName returns the TypeScript type of a typed constant, following
// a constant that is declared as another constant, or "" when untyped.
func (g *gen) constTypeName(cd *constDecl, depth int) string {
	if depth > 10 {
		return ""
	}
	switch t := cd.typ.(type) {
	case *ast.Ident:
		if _, ok := builtinTS[t.Name]; ok || (cd.pkg == g.main && g.skip[t.Name]) {
			return ""
		}
		return g.tsType(t, cd.file, cd.pkg)
	case *ast.SelectorExpr:
		return g.tsType(t, cd.file, cd.pkg)
	case nil:
		if other := g.constRef(cd.value, cd); other != nil {
			return g.constTypeName(other, depth+1)
		}
	}
	return ""
}

func (g *gen) constRef(expr ast.Expr, cd *constDecl) *constDecl {
	switch t := expr.(type) {
	case *ast.Ident:
		return cd.pkg.consts[t.Name]
	case *ast.SelectorExpr:
		id, ok := t.X.(*ast.Ident)
		if !ok {
			return nil
		}
		if other, ok := g.pkgs[cd.file.imports[id.Name]]; ok {
			return other.consts[t.Sel.Name]
		}
	}
	return nil
}

func (g *gen) constValue(cd *constDecl) (constant.Value, error) {
	if cd.val != nil {
		return cd.val, nil
	}
	if cd.evaluating {
		return nil, errors.New("constant refers to itself")
	}
	if cd.value == nil {
		return nil, errors.New("constant has no value")
	}
	cd.evaluating = true
	defer func() { cd.evaluating = false }()
	value, err := g.eval(cd.value, cd)
	if err == nil && value.Kind() == constant.Unknown {
		err = errors.New("value is not a constant expression")
	}
	cd.val = value
	return value, err
}

func (g *gen) eval(expr ast.Expr, cd *constDecl) (constant.Value, error) {
	switch t := expr.(type) {
	case *ast.BasicLit:
		return constant.MakeFromLiteral(t.Value, t.Kind, 0), nil
	case *ast.ParenExpr:
		return g.eval(t.X, cd)
	case *ast.Ident:
		switch t.Name {
		case "iota":
			return constant.MakeInt64(cd.iota), nil
		case "true", "false":
			return constant.MakeBool(t.Name == "true"), nil
		}
	case *ast.UnaryExpr:
		x, err := g.eval(t.X, cd)
		if err != nil {
			return nil, err
		}
		return constant.UnaryOp(t.Op, x, 0), nil
	case *ast.BinaryExpr:
		x, err := g.eval(t.X, cd)
		if err != nil {
			return nil, err
		}
		y, err := g.eval(t.Y, cd)
		if err != nil {
			return nil, err
		}
		switch t.Op {
		case token.SHL, token.SHR:
			shift, _ := constant.Uint64Val(y)
			return constant.Shift(x, t.Op, uint(shift)), nil
		case token.QUO:
			if x.Kind() == constant.Int && y.Kind() == constant.Int {
				return constant.BinaryOp(x, token.QUO_ASSIGN, y), nil // integer division
			}
		}
		return constant.BinaryOp(x, t.Op, y), nil
	case *ast.CallExpr:
		if len(t.Args) == 1 { // a conversion such as Kind(3)
			return g.eval(t.Args[0], cd)
		}
	}
	if other := g.constRef(expr, cd); other != nil {
		return g.constValue(other)
	}
	return nil, fmt.Errorf("unsupported constant expression %T; extend eval to handle it", expr)
}

func tsLiteral(v constant.Value) string {
	switch v.Kind() {
	case constant.String:
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(constant.StringVal(v))
		return strings.TrimSuffix(b.String(), "\n")
	case constant.Float:
		f, _ := constant.Float64Val(v)
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return v.ExactString()
}

package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
)

// checkInputs validates news against the spec and applies defaults. It returns
// the checked inputs and one failure per invalid, missing or unknown property.
// Values that are not known yet pass, so that previews of programs whose inputs
// come from other resources work.
func checkInputs(spec resourceSpec, news resource.PropertyMap) (resource.PropertyMap, []plugin.CheckFailure) {
	checked := resource.PropertyMap{}
	var failures []plugin.CheckFailure

	for _, key := range news.StableKeys() {
		if _, ok := spec.input(key); !ok {
			failures = append(failures, plugin.CheckFailure{
				Property: key,
				Reason:   fmt.Sprintf("unknown property %q; %s accepts %s", key, spec.token, inputNames(spec)),
			})
		}
	}

	for _, p := range spec.inputs {
		if isAbsent(news, p.name) {
			switch {
			case p.hasDefault():
				checked[p.name] = p.defaultValue
			case p.required:
				failures = append(failures, plugin.CheckFailure{
					Property: p.name,
					Reason:   fmt.Sprintf("missing required property %q", p.name),
				})
			}
			continue
		}

		value := news[p.name]
		if reason := checkType(p.typ, value); reason != "" {
			failures = append(failures, plugin.CheckFailure{
				Property: p.name,
				Reason:   reason,
			})
			continue
		}
		checked[p.name] = value
	}

	return checked, failures
}

func inputNames(spec resourceSpec) string {
	names := make([]string, len(spec.inputs))
	for i, p := range spec.inputs {
		names[i] = string(p.name)
	}
	return strings.Join(names, ", ")
}

// checkType returns why v does not have type typ, or "" when it does or when v
// is not known yet.
func checkType(typ valueType, v resource.PropertyValue) string {
	if isUnknown(v) {
		return ""
	}
	v = unwrap(v)

	switch typ {
	case typeInteger:
		if !v.IsNumber() {
			return "expected an integer, got " + v.TypeString()
		}
		n := v.NumberValue()
		if n != math.Trunc(n) || math.Abs(n) > maxSafeInteger {
			return fmt.Sprintf("expected an integer, got %v", n)
		}
	case typeNumber:
		if !v.IsNumber() {
			return "expected a number, got " + v.TypeString()
		}
		if n := v.NumberValue(); math.IsNaN(n) || math.IsInf(n, 0) {
			return fmt.Sprintf("expected a finite number, got %v", n)
		}
	case typeBoolean:
		if !v.IsBool() {
			return "expected a boolean, got " + v.TypeString()
		}
	case typeString:
		if !v.IsString() {
			return "expected a string, got " + v.TypeString()
		}
	case typeStringMap:
		if !v.IsObject() {
			return "expected a map of strings, got " + v.TypeString()
		}
		object := v.ObjectValue()
		for _, key := range object.StableKeys() {
			element := object[key]
			if isUnknown(element) {
				continue
			}
			if !unwrap(element).IsString() {
				return fmt.Sprintf("expected a map of strings, but key %q has a %s", key, unwrap(element).TypeString())
			}
		}
	}
	return ""
}

// checkIntegerRange returns a failure when the integer under key is known and
// outside [minimum, maximum].
func checkIntegerRange(inputs resource.PropertyMap, key resource.PropertyKey, minimum, maximum int64) []plugin.CheckFailure {
	n, ok := knownInteger(inputs, key)
	if !ok || (n >= minimum && n <= maximum) {
		return nil
	}
	return []plugin.CheckFailure{{
		Property: key,
		Reason:   fmt.Sprintf("%d is outside the range %d to %d", n, minimum, maximum),
	}}
}

// checkNumberRange returns a failure when the number under key is known and
// outside [minimum, maximum].
func checkNumberRange(inputs resource.PropertyMap, key resource.PropertyKey, minimum, maximum float64) []plugin.CheckFailure {
	n, ok := knownNumber(inputs, key)
	if !ok || (n >= minimum && n <= maximum) {
		return nil
	}
	return []plugin.CheckFailure{{
		Property: key,
		Reason:   fmt.Sprintf("%v is outside the range %v to %v", n, minimum, maximum),
	}}
}

package main

import (
	"math"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// maxSafeInteger is the largest integer that a float64 property value holds
// exactly (2^53 - 1).
const maxSafeInteger = 1<<53 - 1

// unwrap returns the plain value inside a secret or a known output value, so
// that checks see the value that the secret or output carries.
func unwrap(v resource.PropertyValue) resource.PropertyValue {
	for {
		switch {
		case v.IsSecret():
			v = v.SecretValue().Element
		case v.IsOutput() && v.OutputValue().Known:
			v = v.OutputValue().Element
		default:
			return v
		}
	}
}

// isUnknown reports whether a value is not known yet, as during a preview when
// an input comes from a resource that has not been created.
func isUnknown(v resource.PropertyValue) bool {
	v = unwrap(v)
	return v.IsComputed() || (v.IsOutput() && !v.OutputValue().Known)
}

// isAbsent reports whether a map has no value for key, or a null one.
func isAbsent(m resource.PropertyMap, key resource.PropertyKey) bool {
	v, ok := m[key]
	return !ok || unwrap(v).IsNull()
}

// knownInteger returns the integer stored under key. The second result is false
// when the value is absent, unknown or not a whole number.
func knownInteger(m resource.PropertyMap, key resource.PropertyKey) (int64, bool) {
	v := unwrap(m[key])
	if !v.IsNumber() {
		return 0, false
	}
	n := v.NumberValue()
	if n != math.Trunc(n) || math.Abs(n) > maxSafeInteger {
		return 0, false
	}
	return int64(n), true
}

// knownNumber returns the number stored under key. The second result is false
// when the value is absent, unknown or not a number.
func knownNumber(m resource.PropertyMap, key resource.PropertyKey) (float64, bool) {
	v := unwrap(m[key])
	if !v.IsNumber() {
		return 0, false
	}
	return v.NumberValue(), true
}

// knownString returns the string stored under key. The second result is false
// when the value is absent, unknown or not a string.
func knownString(m resource.PropertyMap, key resource.PropertyKey) (string, bool) {
	v := unwrap(m[key])
	if !v.IsString() {
		return "", false
	}
	return v.StringValue(), true
}

// knownBool returns the boolean stored under key. The second result is false
// when the value is absent, unknown or not a boolean.
func knownBool(m resource.PropertyMap, key resource.PropertyKey) (bool, bool) {
	v := unwrap(m[key])
	if !v.IsBool() {
		return false, false
	}
	return v.BoolValue(), true
}

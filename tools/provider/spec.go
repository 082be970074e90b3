package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// valueType is the schema type of an input or output property.
type valueType int

const (
	typeInteger valueType = iota
	typeNumber
	typeBoolean
	typeString
	// typeStringMap is an object whose values are all strings.
	typeStringMap
)

// propertySpec describes one property of a resource. The provider builds both
// the package schema and the input checks from it.
type propertySpec struct {
	name        resource.PropertyKey
	typ         valueType
	description string
	required    bool
	// defaultValue is applied by Check when the input is absent or null. A zero
	// PropertyValue (nil V) means there is no default.
	defaultValue resource.PropertyValue
	// replaceOnChange makes Diff report a replacement instead of an in-place
	// update when this input changes.
	replaceOnChange bool
}

// hasDefault reports whether Check fills this property in when it is missing.
func (p propertySpec) hasDefault() bool {
	return p.defaultValue.V != nil
}

// resourceSpec describes one resource type: its token, its inputs and the
// outputs it adds to them.
type resourceSpec struct {
	token       string
	description string
	inputs      []propertySpec
	// outputs lists the properties that Create computes. Every input is also an
	// output, so inputs are not repeated here.
	outputs []propertySpec
}

// input returns the spec of the named input property.
func (s resourceSpec) input(name resource.PropertyKey) (propertySpec, bool) {
	for _, p := range s.inputs {
		if p.name == name {
			return p, true
		}
	}
	return propertySpec{}, false
}

// inputSubset returns the input properties found in an output property map.
// Read and Diff use it when the engine has no recorded inputs for a resource.
func (s resourceSpec) inputSubset(outputs resource.PropertyMap) resource.PropertyMap {
	inputs := resource.PropertyMap{}
	for _, p := range s.inputs {
		if v, ok := outputs[p.name]; ok {
			inputs[p.name] = v
		}
	}
	return inputs
}

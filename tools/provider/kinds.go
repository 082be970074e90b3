package main

import (
	"context"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
)

// resourceKind implements the lifecycle of one resource type. The provider
// checks types and applies defaults from spec() before it calls validate, and
// it handles previews itself, so create and update only run for real.
type resourceKind interface {
	spec() resourceSpec
	// validate runs the checks that go beyond types, such as ranges. Inputs may
	// still hold unknown values, which validate must let pass.
	validate(inputs resource.PropertyMap) []plugin.CheckFailure
	// create returns the new resource's ID and outputs. Outputs include the inputs.
	create(ctx context.Context, inputs resource.PropertyMap) (resource.ID, resource.PropertyMap, error)
	// update returns the outputs after an in-place change to newInputs.
	update(ctx context.Context, id resource.ID, oldOutputs, newInputs resource.PropertyMap) (resource.PropertyMap, error)
	delete(ctx context.Context, id resource.ID, outputs resource.PropertyMap) error
	// importOutputs rebuilds the outputs of an existing resource from its ID, for
	// `pulumi import`.
	importOutputs(id resource.ID) (resource.PropertyMap, error)
}

// allKinds lists every resource type that the provider serves.
func allKinds() []resourceKind {
	return []resourceKind{
		randomStringKind{},
		randomIntegerKind{},
		randomPetKind{},
		sleepKind{},
		failureKind{},
	}
}

// keepersProperty is the input of the random resources whose change forces a
// new random value while the value itself is not used.
var keepersProperty = propertySpec{
	name:            "keepers",
	typ:             typeStringMap,
	description:     "Arbitrary strings whose change forces a new random value.",
	replaceOnChange: true,
}

// keepComputedOutputs returns newInputs plus the outputs of spec that Create
// computed, taken from oldOutputs. The random resources use it for the
// in-place updates that their Diff never requests but the engine may still
// send, for example after ignoreChanges.
func keepComputedOutputs(spec resourceSpec, oldOutputs, newInputs resource.PropertyMap) resource.PropertyMap {
	outputs := newInputs.Copy()
	for _, p := range spec.outputs {
		if v, ok := oldOutputs[p.name]; ok {
			outputs[p.name] = v
		}
	}
	return outputs
}

package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
)

// randomIntegerKind is random:index/randomInteger:RandomInteger. Its ID is the
// generated integer in decimal, and every input change replaces it.
type randomIntegerKind struct{}

func (randomIntegerKind) spec() resourceSpec {
	return resourceSpec{
		token:       "random:index/randomInteger:RandomInteger",
		description: "A random integer between `min` and `max`, both included.",
		inputs: []propertySpec{
			{name: "min", typ: typeInteger, description: "Smallest possible result.", required: true, replaceOnChange: true},
			{name: "max", typ: typeInteger, description: "Largest possible result.", required: true, replaceOnChange: true},
			keepersProperty,
		},
		outputs: []propertySpec{
			{name: "result", typ: typeInteger, description: "The generated integer."},
		},
	}
}

func (randomIntegerKind) validate(inputs resource.PropertyMap) []plugin.CheckFailure {
	minimum, minKnown := knownInteger(inputs, "min")
	maximum, maxKnown := knownInteger(inputs, "max")
	if minKnown && maxKnown && minimum > maximum {
		return []plugin.CheckFailure{{
			Property: "max",
			Reason:   fmt.Sprintf("%d is less than min (%d)", maximum, minimum),
		}}
	}
	return nil
}

func (randomIntegerKind) create(_ context.Context, inputs resource.PropertyMap) (resource.ID, resource.PropertyMap, error) {
	minimum, minKnown := knownInteger(inputs, "min")
	maximum, maxKnown := knownInteger(inputs, "max")
	if !minKnown || !maxKnown {
		return "", nil, errors.New("min and max must be known integers")
	}

	result, err := randomIntegerBetween(minimum, maximum)
	if err != nil {
		return "", nil, err
	}

	outputs := inputs.Copy()
	outputs["result"] = resource.NewNumberProperty(float64(result))
	return resource.ID(strconv.FormatInt(result, 10)), outputs, nil
}

func (k randomIntegerKind) update(
	_ context.Context, _ resource.ID, oldOutputs, newInputs resource.PropertyMap,
) (resource.PropertyMap, error) {
	return keepComputedOutputs(k.spec(), oldOutputs, newInputs), nil
}

func (randomIntegerKind) delete(context.Context, resource.ID, resource.PropertyMap) error {
	return nil
}

// importOutputs takes an ID of the form "result,min,max", the import format of
// pulumi-random's RandomInteger.
func (randomIntegerKind) importOutputs(id resource.ID) (resource.PropertyMap, error) {
	parts := strings.Split(string(id), ",")
	if len(parts) != 3 {
		return nil, fmt.Errorf("invalid import ID %q for a RandomInteger: expected \"result,min,max\"", id)
	}

	var numbers [3]int64
	for i, part := range parts {
		n, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64)
		if err != nil || n > maxSafeInteger || n < -maxSafeInteger {
			return nil, fmt.Errorf("invalid import ID %q for a RandomInteger: %q is not an integer", id, part)
		}
		numbers[i] = n
	}

	result, minimum, maximum := numbers[0], numbers[1], numbers[2]
	if result < minimum || result > maximum {
		return nil, fmt.Errorf("invalid import ID %q for a RandomInteger: result is outside min to max", id)
	}
	return resource.PropertyMap{
		"min":    resource.NewNumberProperty(float64(minimum)),
		"max":    resource.NewNumberProperty(float64(maximum)),
		"result": resource.NewNumberProperty(float64(result)),
	}, nil
}

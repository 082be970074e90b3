package main

import (
	"encoding/json"
	"slices"
)

// The types below are the subset of the Pulumi package schema that this
// provider fills in. Field names follow PackageSpec and its parts in
// github.com/pulumi/pulumi/pkg/v3/codegen/schema at v3.276.0.

type packageSchema struct {
	Name        string                    `json:"name"`
	Version     string                    `json:"version"`
	DisplayName string                    `json:"displayName"`
	Description string                    `json:"description"`
	Meta        packageMeta               `json:"meta"`
	Provider    resourceSchema            `json:"provider"`
	Resources   map[string]resourceSchema `json:"resources"`
}

type packageMeta struct {
	// ModuleFormat is a regular expression whose first group is the module of
	// a type token's module part, so "index/randomString" is module "index".
	ModuleFormat string `json:"moduleFormat"`
}

type resourceSchema struct {
	Description     string                    `json:"description,omitempty"`
	Properties      map[string]propertySchema `json:"properties,omitempty"`
	Required        []string                  `json:"required,omitempty"`
	InputProperties map[string]propertySchema `json:"inputProperties,omitempty"`
	RequiredInputs  []string                  `json:"requiredInputs,omitempty"`
}

type propertySchema struct {
	Type                 string          `json:"type"`
	AdditionalProperties *propertySchema `json:"additionalProperties,omitempty"`
	Description          string          `json:"description,omitempty"`
}

// buildSchema returns the package schema JSON of the provider. Its version is
// the plugin version, and its resources are those of allKinds.
func buildSchema() ([]byte, error) {
	resources := map[string]resourceSchema{}
	for _, kind := range allKinds() {
		spec := kind.spec()
		resources[spec.token] = resourceSchemaOf(spec)
	}

	return json.Marshal(packageSchema{
		Name:        packageName,
		Version:     providerVersion,
		DisplayName: "Random (Procella test provider)",
		Description: "A subset of pulumi-random plus test helpers, built for Procella's end-to-end tests.",
		Meta:        packageMeta{ModuleFormat: "(.*)(?:/[^/]*)"},
		Provider:    resourceSchema{Description: "The provider has no configuration."},
		Resources:   resources,
	})
}

// resourceSchemaOf lists every input as an output too. An output is required
// when Create always sets it: required inputs, inputs with a default and the
// computed outputs.
func resourceSchemaOf(spec resourceSpec) resourceSchema {
	schema := resourceSchema{
		Description:     spec.description,
		Properties:      map[string]propertySchema{},
		InputProperties: map[string]propertySchema{},
		Required:        []string{},
		RequiredInputs:  []string{},
	}

	for _, p := range spec.inputs {
		name := string(p.name)
		schema.InputProperties[name] = propertySchemaOf(p)
		schema.Properties[name] = propertySchemaOf(p)
		if p.required {
			schema.RequiredInputs = append(schema.RequiredInputs, name)
		}
		if p.required || p.hasDefault() {
			schema.Required = append(schema.Required, name)
		}
	}
	for _, p := range spec.outputs {
		name := string(p.name)
		schema.Properties[name] = propertySchemaOf(p)
		schema.Required = append(schema.Required, name)
	}

	slices.Sort(schema.Required)
	slices.Sort(schema.RequiredInputs)
	return schema
}

func propertySchemaOf(p propertySpec) propertySchema {
	switch p.typ {
	case typeInteger:
		return propertySchema{Type: "integer", Description: p.description}
	case typeNumber:
		return propertySchema{Type: "number", Description: p.description}
	case typeBoolean:
		return propertySchema{Type: "boolean", Description: p.description}
	case typeStringMap:
		return propertySchema{
			Type:                 "object",
			AdditionalProperties: &propertySchema{Type: "string"},
			Description:          p.description,
		}
	default:
		return propertySchema{Type: "string", Description: p.description}
	}
}

package main

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math/big"
)

// randomIndex returns a uniformly chosen integer in [0, n) from crypto/rand.
func randomIndex(n int) (int, error) {
	i, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		return 0, fmt.Errorf("read random bytes: %w", err)
	}
	return int(i.Int64()), nil
}

// randomIntegerBetween returns a uniformly chosen integer in [minimum, maximum]
// from crypto/rand. The caller ensures minimum <= maximum.
func randomIntegerBetween(minimum, maximum int64) (int64, error) {
	span := new(big.Int).Sub(big.NewInt(maximum), big.NewInt(minimum))
	span.Add(span, big.NewInt(1))
	offset, err := rand.Int(rand.Reader, span)
	if err != nil {
		return 0, fmt.Errorf("read random bytes: %w", err)
	}
	return new(big.Int).Add(big.NewInt(minimum), offset).Int64(), nil
}

// randomHex returns n random bytes as lowercase hex, for IDs of resources that
// have no natural ID.
func randomHex(n int) (string, error) {
	buf := make([]byte, n)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("read random bytes: %w", err)
	}
	return hex.EncodeToString(buf), nil
}

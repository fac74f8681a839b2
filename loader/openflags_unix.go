//go:build unix

package loader

import "syscall"

// openFlags are added to every open through os.Root: never block on a FIFO
// (its type is checked after opening), never take a terminal as the
// controlling one.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOCTTY

package alloc

// Size classes. Small objects (at most MaxSmallSize bytes) are rounded up
// to one of NumClasses-1 sizes; class 0 means "large". The table is Go's
// (runtime/sizeclasses.go, which also documents how it was chosen: at
// most 12.5% tail waste per span and 8 B granularity up to 128 B), so the
// two allocators behave alike. Every class fits in at most 1024 objects
// per span, which lets spans keep their bitmaps inline.
//
//	class  bytes/obj  pages/span  objects      class  bytes/obj  pages/span  objects
//	    1          8           1     1024         35       1408           2       11
//	    2         16           1      512         36       1536           1        5
//	    3         24           1      341         37       1792           2        9
//	    4         32           1      256         38       2048           1        4
//	    5         48           1      170         39       2304           2        7
//	    6         64           1      128         40       2688           1        3
//	    7         80           1      102         41       3072           3        8
//	    8         96           1       85         42       3200           2        5
//	    9        112           1       73         43       3456           3        7
//	   10        128           1       64         44       4096           1        2
//	   11        144           1       56         45       4864           3        5
//	   12        160           1       51         46       5376           2        3
//	   13        176           1       46         47       6144           3        4
//	   14        192           1       42         48       6528           4        5
//	   15        208           1       39         49       6784           5        6
//	   16        224           1       36         50       6912           6        7
//	   17        240           1       34         51       8192           1        1
//	   18        256           1       32         52       9472           7        6
//	   19        288           1       28         53       9728           6        5
//	   20        320           1       25         54      10240           5        4
//	   21        352           1       23         55      10880           4        3
//	   22        384           1       21         56      12288           3        2
//	   23        416           1       19         57      13568           5        3
//	   24        448           1       18         58      14336           7        4
//	   25        480           1       17         59      16384           2        1
//	   26        512           1       16         60      18432           9        4
//	   27        576           1       14         61      19072           7        3
//	   28        640           1       12         62      20480           5        2
//	   29        704           1       11         63      21760           8        3
//	   30        768           1       10         64      24576           3        1
//	   31        896           1        9         65      27264          10        3
//	   32       1024           1        8         66      28672           7        2
//	   33       1152           1        7         67      32768           4        1
//	   34       1280           1        6
const (
	NumClasses     = 68
	NumSpanClasses = NumClasses * 2
	MaxSmallSize   = 32768
)

// classSize[c] is the object size of class c.
var classSize = [NumClasses]uint16{0,
	8, 16, 24, 32, 48, 64, 80, 96, 112, 128,
	144, 160, 176, 192, 208, 224, 240, 256, 288, 320,
	352, 384, 416, 448, 480, 512, 576, 640, 704, 768,
	896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688,
	3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912,
	8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432,
	19072, 20480, 21760, 24576, 27264, 28672, 32768,
}

// classPages[c] is the number of pages in a span of class c.
var classPages = [NumClasses]uint8{0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 2, 1, 2, 1, 2, 1,
	3, 2, 3, 1, 3, 2, 3, 4, 5, 6,
	1, 7, 6, 5, 4, 3, 5, 7, 2, 9,
	7, 5, 8, 3, 10, 7, 4,
}

// smallTableMax is the largest size sizeToClass8 covers.
const smallTableMax = 1024

// sizeToClass8[(size+7)/8] is the first class at least size bytes, for
// 1 <= size <= smallTableMax (as Go's runtime has it; TestSizeClassTable
// checks every size against the class table).
var sizeToClass8 = [smallTableMax/8 + 1]uint8{
	1, 1, 2, 3, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
	10, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15, 16, 16, 17, 17, 18,
	18, 19, 19, 19, 19, 20, 20, 20, 20, 21, 21, 21, 21, 22, 22, 22,
	22, 23, 23, 23, 23, 24, 24, 24, 24, 25, 25, 25, 25, 26, 26, 26,
	26, 27, 27, 27, 27, 27, 27, 27, 27, 28, 28, 28, 28, 28, 28, 28,
	28, 29, 29, 29, 29, 29, 29, 29, 29, 30, 30, 30, 30, 30, 30, 30,
	30, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31,
	31, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32,
	32,
}

// ClassSize returns the object size of size class c.
func ClassSize(c uint8) uintptr { return uintptr(classSize[c]) }

// ClassPages returns the number of pages in a span of size class c.
func ClassPages(c uint8) uintptr { return uintptr(classPages[c]) }

// SizeToClass returns the smallest size class whose objects hold size
// bytes at the given alignment (a power of two), or 0 if the object must
// be allocated large. Objects in a span start at the page-aligned span
// base plus a multiple of the class size, so a class serves an alignment
// exactly when its size is a multiple of it.
func SizeToClass(size, align uintptr) uint8 {
	if size > MaxSmallSize {
		return 0
	}
	if size == 0 {
		size = 1
	}
	// The first class at least size bytes: from the table up to 1 KiB
	// (most objects), else by binary search.
	var lo uint8
	if size <= smallTableMax {
		lo = sizeToClass8[(size+7)>>3]
	} else {
		hi := uint8(NumClasses)
		lo = 1
		for lo < hi {
			mid := lo + (hi-lo)/2
			if uintptr(classSize[mid]) < size {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
	}
	for c := lo; c < NumClasses; c++ {
		if uintptr(classSize[c])&(align-1) == 0 {
			return c
		}
	}
	return 0
}

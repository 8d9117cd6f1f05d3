package arm64

// An encID names the encoder function of a form; call dispatches on it.
// (A func value in the form would be simpler, but the compiler cannot
// see through a call of one that the encoder does not escape: every
// instruction would allocate its encoder.)
type encID uint8

// The encoders, integer data processing first.
const (
	encAddSubImm encID = iota
	encAddSubReg
	encCmpAlias
	encNegAlias
	encLogicalImm
	encLogicalReg
	encTstAlias
	encMvnAlias
	encMovReg
	encMovImmForm
	encMovBad
	encMovWide
	encMul
	encDp2
	encDp1
	encShiftImm
	encBitfield
	encBitfieldExtract
	encBitfieldInsert
	encExtend
	encExtrForm
	encCselForm
	encCset
	encCinc
	encCcmpImm
	encCcmpReg
	encCcmpBad

	// Loads, stores, branches, floating point, system.
	encLoadLiteral
	encLoadStore
	encPair
	encExclusive
	encBranch26
	encBcond
	encCbz
	encTbz
	encBranchReg
	encAdr
	encAdrp
	encFp2
	encFp1
	encFp3
	encFcsel
	encFcmpReg
	encFcmpZero
	encFcvt
	encFcvtInt
	encFmovReg
	encFmovImm
	encFmovBad
	encFixed
	encBarrier
	encException
	encMrs
	encMsr
)

// call encodes e.args with the form f's encoder.
func (e *encoder) call(f *form) (uint32, error) {
	if f.enc < encLoadLiteral {
		return e.callInt(f)
	}
	switch f.enc {
	case encLoadLiteral:
		return loadLiteral(e, f)
	case encLoadStore:
		return loadStore(e, f)
	case encPair:
		return pair(e, f)
	case encExclusive:
		return exclusive(e, f)
	case encBranch26:
		return branch26(e, f)
	case encBcond:
		return bcond(e, f)
	case encCbz:
		return cbz(e, f)
	case encTbz:
		return tbz(e, f)
	case encBranchReg:
		return branchReg(e, f)
	case encAdr:
		return adr(e, f)
	case encAdrp:
		return adrp(e, f)
	case encFp2:
		return fp2(e, f)
	case encFp1:
		return fp1(e, f)
	case encFp3:
		return fp3(e, f)
	case encFcsel:
		return fcsel(e, f)
	case encFcmpReg:
		return fcmpReg(e, f)
	case encFcmpZero:
		return fcmpZero(e, f)
	case encFcvt:
		return fcvt(e, f)
	case encFcvtInt:
		return fcvtInt(e, f)
	case encFmovReg:
		return fmovReg(e, f)
	case encFmovImm:
		return fmovImm(e, f)
	case encFmovBad:
		return fmovBad(e, f)
	case encFixed:
		return fixed(e, f)
	case encBarrier:
		return barrier(e, f)
	case encException:
		return exception(e, f)
	case encMrs:
		return mrs(e, f)
	case encMsr:
		return msr(e, f)
	}
	panic("bad encID")
}

// callInt is call for the integer data-processing encoders.
func (e *encoder) callInt(f *form) (uint32, error) {
	switch f.enc {
	case encAddSubImm:
		return addSubImm(e, f)
	case encAddSubReg:
		return addSubReg(e, f)
	case encCmpAlias:
		return cmpAlias(e, f)
	case encNegAlias:
		return negAlias(e, f)
	case encLogicalImm:
		return logicalImm(e, f)
	case encLogicalReg:
		return logicalReg(e, f)
	case encTstAlias:
		return tstAlias(e, f)
	case encMvnAlias:
		return mvnAlias(e, f)
	case encMovReg:
		return movReg(e, f)
	case encMovImmForm:
		return movImmForm(e, f)
	case encMovBad:
		return movBad(e, f)
	case encMovWide:
		return movWide(e, f)
	case encMul:
		return mul(e, f)
	case encDp2:
		return dp2(e, f)
	case encDp1:
		return dp1(e, f)
	case encShiftImm:
		return shiftImm(e, f)
	case encBitfield:
		return bitfield(e, f)
	case encBitfieldExtract:
		return bitfieldExtract(e, f)
	case encBitfieldInsert:
		return bitfieldInsert(e, f)
	case encExtend:
		return extend(e, f)
	case encExtrForm:
		return extrForm(e, f)
	case encCselForm:
		return cselForm(e, f)
	case encCset:
		return cset(e, f)
	case encCinc:
		return cinc(e, f)
	case encCcmpImm:
		return ccmpImm(e, f)
	case encCcmpReg:
		return ccmpReg(e, f)
	case encCcmpBad:
		return ccmpBad(e, f)
	}
	panic("bad encID")
}

// Brackets for the code that builds text (printers, emitter). g++ 12 at -O2
// and -O3 reports a false -Wrestrict inside libstdc++ for "literal" +
// std::string&& and for string::insert (GCC bug 105329); the bracket silences
// that one diagnostic for actdiff's own text code only, so that users who
// build with -O3 -Werror are not stopped by it. g++ 12 honours the pragma
// through inlining.
#pragma once

#if defined(__GNUC__) && !defined(__clang__)
#define ACTDIFF_TEXT_CODE_BEGIN _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wrestrict\"")
#define ACTDIFF_TEXT_CODE_END _Pragma("GCC diagnostic pop")
#else
#define ACTDIFF_TEXT_CODE_BEGIN
#define ACTDIFF_TEXT_CODE_END
#endif

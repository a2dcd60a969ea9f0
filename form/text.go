package form

// lang indexes the two columns of the phrase tables: English, then Spanish.
type lang int

const (
	en lang = iota
	es
)

var langs = map[string]lang{"en": en, "es": es}

// msg names one sentence of the form. Typed constants, not string keys, so a missing or misspelt
// phrase fails to compile instead of printing nothing on a legal document.
type msg int

const (
	mTitle msg = iota
	mSubtitle
	mIntro
	mPatient
	mPractice
	mWhatHead
	mWhatLead
	mDetails
	mWhoHead
	mWho
	mToHead
	mTo
	mWhyHead
	mEndHead
	mEndDate
	mEndEvent
	mEndBoth
	mRightsHead
	mRevoke
	mNoCondition
	mRedisclose
	mPaid
	mCopy
	mSignHead
	mSignLine
	mDateLine
	mNameLine
	mAuthorityLine
	mPage
	mContinued
	mSignedHead
	mSignedName
	mSignedAuthority
	mSignedAt
	mSignedDrawn
	mHashNote
	nMsg
)

// phrases is the whole form in both languages, side by side so a reviewer can compare them.
// Sentences are short and use everyday words (about a 6th-8th grade reading level); the
// numbered notes point to 45 CFR 164.508(c). %[n] arguments are the same in both columns.
var phrases = [nMsg][2]string{
	mTitle: {
		"Permission to Share My Health Information on Social Media",
		"Permiso para compartir mi información de salud en las redes sociales"},
	mSubtitle: {
		"HIPAA authorization form (45 CFR 164.508)",
		"Formulario de autorización HIPAA (45 CFR 164.508)"},
	mIntro: {
		"Please read this form with care. You do not have to sign it. Ask us if anything is not clear.",
		"Lea este formulario con cuidado. No tiene que firmarlo. Pregúntenos si algo no está claro."},
	mPatient:  {"Patient", "Paciente"},
	mPractice: {"Practice", "Consultorio"},
	// (c)(1)(i) what information.
	mWhatHead: {"1. What information may be shared", "1. Qué información se puede compartir"},
	mWhatLead: {
		"I allow %[1]s to share this information about me:",
		"Doy permiso a %[1]s para compartir esta información sobre mí:"},
	mDetails: {"More details: %[1]s", "Más detalles: %[1]s"},
	// (c)(1)(ii) who discloses.
	mWhoHead: {"2. Who will share it", "2. Quién la va a compartir"},
	mWho:     {"%[1]s, %[2]s, phone %[3]s.", "%[1]s, %[2]s, teléfono %[3]s."},
	// (c)(1)(iii) to whom.
	mToHead: {"3. Who may see it", "3. Quién la puede ver"},
	mTo: {
		"Anyone. The practice may post it for the public on:",
		"Cualquier persona. El consultorio la puede publicar para el público en:"},
	// (c)(1)(iv) each purpose.
	mWhyHead: {"4. Why it will be shared", "4. Para qué se va a compartir"},
	// (c)(1)(v) expiry.
	mEndHead:  {"5. When this permission ends", "5. Cuándo termina este permiso"},
	mEndDate:  {"This permission ends on %[1]s.", "Este permiso termina el %[1]s."},
	mEndEvent: {"This permission ends when this happens: %[1]s.", "Este permiso termina cuando pase esto: %[1]s."},
	mEndBoth: {
		"This permission ends on %[1]s, or sooner if this happens: %[2]s.",
		"Este permiso termina el %[1]s, o antes si pasa esto: %[2]s."},
	// (c)(2) the required statements, and (a)(3) paid marketing.
	mRightsHead: {"6. My rights", "6. Mis derechos"},
	mRevoke: {
		"I can cancel this permission at any time. To cancel, I must write a note, sign it, and give it " +
			"or mail it to %[1]s, %[2]s. If I have questions, I can call %[3]s. Canceling stops new posts. " +
			"It does not undo what was shared before the practice got my note.",
		"Puedo cancelar este permiso en cualquier momento. Para cancelarlo, debo escribir una nota, " +
			"firmarla y entregarla o enviarla por correo a %[1]s, %[2]s. Si tengo preguntas, puedo llamar " +
			"al %[3]s. Al cancelar, no se hacen publicaciones nuevas. Pero no se deshace lo que ya se " +
			"compartió antes de que el consultorio recibiera mi nota."},
	mNoCondition: {
		"My care does not depend on this form. If I sign or if I do not sign, %[1]s will still treat me. " +
			"My payment, my health plan, and my benefits will not change.",
		"Mi atención médica no depende de este formulario. Si firmo o si no firmo, %[1]s me va a seguir " +
			"atendiendo. Mi pago, mi plan de salud y mis beneficios no van a cambiar."},
	mRedisclose: {
		"Once my information is shared, others may share it again. Then the privacy law (HIPAA) may no " +
			"longer protect it. On social media, anyone can copy, save, or share a post. The practice " +
			"cannot take those copies back.",
		"Cuando se comparte mi información, otras personas la pueden volver a compartir. Entonces es " +
			"posible que la ley de privacidad (HIPAA) ya no la proteja. En las redes sociales, cualquier " +
			"persona puede copiar, guardar o compartir una publicación. El consultorio no puede recuperar " +
			"esas copias."},
	mPaid: {
		"Another company pays %[1]s for this marketing. The practice will get money or other payment " +
			"for using or sharing my information.",
		"Otra compañía le paga a %[1]s por esta publicidad. El consultorio va a recibir dinero u otro " +
			"pago por usar o compartir mi información."},
	mCopy: {
		"I will get a copy of this form after I sign it.",
		"Voy a recibir una copia de este formulario después de firmarlo."},
	// (c)(1)(vi) signature, date, and a representative's authority.
	mSignHead: {"7. Signature", "7. Firma"},
	mSignLine: {
		"Signature of patient or personal representative",
		"Firma del paciente o de su representante personal"},
	mDateLine: {"Date", "Fecha"},
	mNameLine: {"Printed name", "Nombre en letra de molde"},
	mAuthorityLine: {
		"If you sign for the patient, write your legal authority to act for them " +
			"(for example: parent of a minor, or health care power of attorney):",
		"Si firma en nombre del paciente, escriba su autoridad legal para actuar por esa persona " +
			"(por ejemplo: padre o madre de un menor, o poder legal para decisiones médicas):"},
	mPage: {"Page %[1]d of %[2]s", "Página %[1]d de %[2]s"},
	// Later pages name the form and the patient, so a page that comes loose still says whose it is.
	mContinued: {"%[1]s, continued (patient: %[2]s)", "%[1]s, continuación (paciente: %[2]s)"},
	// The patient's signed copy.
	mSignedHead:      {"Signed electronically", "Firmado electrónicamente"},
	mSignedName:      {"Typed name: %[1]s", "Nombre escrito: %[1]s"},
	mSignedAuthority: {"Signed as personal representative. Authority: %[1]s", "Firmado como representante personal. Autoridad: %[1]s"},
	mSignedAt:        {"Signed on: %[1]s", "Firmado el: %[1]s"},
	mSignedDrawn:     {"Signature:", "Firma:"},
	mHashNote: {
		"This code identifies the exact form I signed:",
		"Este código identifica el formulario exacto que firmé:"},
}

// hashLabel stays the same in both languages so a clerk or a script can find it on any copy.
const hashLabel = "Document SHA-256: "

func (l lang) say(m msg) string { return phrases[m][l] }

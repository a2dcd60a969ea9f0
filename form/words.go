package form

import (
	"fmt"
	"time"

	"github.com/bedsidehq/bedside/authorization"
	"github.com/bedsidehq/bedside/phi"
)

// kindWords says each kind of information the way a patient would (English, Spanish). Every
// phi.Kind has words, so the description stays specific; otherKind covers kinds added later.
var kindWords = map[phi.Kind][2]string{
	phi.Name:       {"my name", "mi nombre"},
	phi.Photo:      {"photos or videos of me", "fotos o videos de mí"},
	phi.Case:       {"my treatment or condition", "mi tratamiento o mi condición de salud"},
	phi.Date:       {"dates of my visits or treatment", "las fechas de mis visitas o de mi tratamiento"},
	phi.Age:        {"my age", "mi edad"},
	phi.Address:    {"where I live (town or street)", "dónde vivo (pueblo, ciudad o calle)"},
	phi.Handle:     {"my social media name", "mi nombre en las redes sociales"},
	phi.Phone:      {"my phone number", "mi número de teléfono"},
	phi.Fax:        {"my fax number", "mi número de fax"},
	phi.Email:      {"my email address", "mi correo electrónico"},
	phi.URL:        {"web pages about me", "páginas de internet sobre mí"},
	phi.IP:         {"my internet (IP) address", "mi dirección de internet (IP)"},
	phi.SSN:        {"my Social Security number", "mi número de Seguro Social"},
	phi.MRN:        {"my medical record number", "mi número de expediente médico"},
	phi.HealthPlan: {"my health plan or insurance number", "mi número de plan de salud o de seguro"},
	phi.Account:    {"my account numbers", "mis números de cuenta"},
	phi.License:    {"my license numbers", "mis números de licencia"},
	phi.Vehicle:    {"my car or license plate", "mi carro o mi placa"},
	phi.Device:     {"my medical device numbers", "los números de mis aparatos médicos"},
	phi.Biometric:  {"my fingerprints, voice, or other body features", "mis huellas, mi voz u otros rasgos de mi cuerpo"},
	phi.ID:         {"other ID numbers of mine", "otros números de identificación míos"},
	phi.Role:       {"my job or role in the community", "mi trabajo o mi papel en la comunidad"},
}

var otherKind = [2]string{"other details that could show who I am", "otros datos que podrían mostrar quién soy"}

// channelWords names each channel in plain form.
var channelWords = map[authorization.Channel][2]string{
	"facebook":  {"Facebook", "Facebook"},
	"instagram": {"Instagram", "Instagram"},
	"google":    {"Google", "Google"},
	"x":         {"X (Twitter)", "X (Twitter)"},
	"linkedin":  {"LinkedIn", "LinkedIn"},
	"tiktok":    {"TikTok", "TikTok"},
	"youtube":   {"YouTube", "YouTube"},
	"website":   {"the practice website", "el sitio web del consultorio"},
	"rss":       {"RSS feed", "la fuente RSS"},
	"email":     {"email", "correo electrónico"},
	"sms":       {"text message", "mensaje de texto"},
}

// purposeWords says why, one line per purpose.
var purposeWords = map[authorization.Purpose][2]string{
	authorization.Testimonial: {
		"to share what I say about the practice (a testimonial)",
		"para compartir lo que digo sobre el consultorio (un testimonio)"},
	authorization.SuccessStory: {
		"to show the results of my treatment (a success story)",
		"para mostrar los resultados de mi tratamiento (una historia de éxito)"},
	authorization.ReviewReply: {
		"to answer a review I posted online",
		"para responder a una reseña que yo publiqué en internet"},
	authorization.Marketing: {
		"to advertise the practice and its services (marketing)",
		"para anunciar el consultorio y sus servicios (publicidad)"},
}

var months = [12][2]string{
	{"January", "enero"}, {"February", "febrero"}, {"March", "marzo"}, {"April", "abril"},
	{"May", "mayo"}, {"June", "junio"}, {"July", "julio"}, {"August", "agosto"},
	{"September", "septiembre"}, {"October", "octubre"}, {"November", "noviembre"}, {"December", "diciembre"},
}

// date writes a calendar date the way each language does, in t's own location.
func (l lang) date(t time.Time) string {
	m := months[t.Month()-1][l]
	if l == es {
		return fmt.Sprintf("%d de %s de %d", t.Day(), m, t.Year())
	}
	return fmt.Sprintf("%s %d, %d", m, t.Day(), t.Year())
}

// moment adds the clock time and the zone, with its UTC offset because abbreviations such as
// "CST" are ambiguous.
func (l lang) moment(t time.Time) string {
	if l == es {
		return l.date(t) + t.Format(", 15:04 MST (UTC-07:00)")
	}
	return l.date(t) + t.Format(" at 3:04 PM MST (UTC-07:00)")
}

func (l lang) kind(k phi.Kind) string {
	if w, ok := kindWords[k]; ok {
		return w[l]
	}
	return otherKind[l]
}

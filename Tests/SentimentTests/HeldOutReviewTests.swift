import CorridorModel
import Testing
@testable import Sentiment

/// A small held-out guard for French generalisation: product, shop and restaurant reviews written
/// for this test (not taken from any data set), labelled by their author before the model was run
/// on them. They are not station reviews, so they check that the general vocabulary and the rules
/// carry over rather than the station lexicon.
enum HeldOutReviews {
    static let rows: [(SentimentLabel, String)] = [
        (.satisfied, "Colis reçu en deux jours, emballage soigné, rien à redire."),
        (.satisfied, "Le mixeur est puissant et silencieux, je le conseille."),
        (.satisfied, "Très bon rapport qualité-prix, la coque protège bien le téléphone."),
        (.satisfied, "Produit conforme à la description, livraison rapide, vendeur sérieux."),
        (.satisfied, "Ma fille adore ce jouet, il est solide et joliment fini."),
        (.satisfied, "Les chaussures taillent normalement et sont confortables dès le premier jour."),
        (.satisfied, "Une batterie qui tient deux jours, franchement bluffant pour ce prix."),
        (.satisfied, "Je rachèterai sans hésiter, c'est mon troisième achat chez eux."),
        (.satisfied, "Installation facile, notice claire, ça fonctionne parfaitement."),
        (.satisfied, "Service client réactif : ils ont remplacé la pièce en une semaine."),
        (.satisfied, "On a très bien mangé, les plats étaient savoureux et copieux."),
        (.satisfied, "Serveuse adorable et de bon conseil, le tajine était un délice."),
        (.satisfied, "Cadre charmant, cuisine maison, desserts à tomber."),
        (.satisfied, "Le poisson était d'une fraîcheur parfaite, on reviendra !"),
        (.satisfied, "Accueil chaleureux et addition raisonnable, une belle adresse."),
        (.satisfied, "Tout était bon, de l'entrée au café."),
        (.satisfied, "Les brochettes sont excellentes et bien assaisonnées."),
        (.satisfied, "Petit resto de quartier sans prétention mais vraiment sympa."),
        (.satisfied, "Pas déçue du tout, le gâteau était magnifique et délicieux."),
        (.satisfied, "Le thé à la menthe était parfait, merci à toute l'équipe."),
        (.unsatisfied, "Article arrivé cassé et le vendeur ne répond pas."),
        (.unsatisfied, "La taille ne correspond pas au guide, retour obligatoire."),
        (.unsatisfied, "Le chargeur a cessé de fonctionner au bout d'une semaine."),
        (.unsatisfied, "Qualité médiocre, les coutures se défont déjà."),
        (.unsatisfied, "Trois semaines de retard et toujours pas reçu ma commande."),
        (.unsatisfied, "Le produit ne ressemble pas du tout à la photo, très déçu."),
        (.unsatisfied, "Beaucoup trop cher pour ce que c'est, je ne le recommande pas."),
        (.unsatisfied, "Emballage abîmé, il manquait deux pièces."),
        (.unsatisfied, "Impossible de joindre le service après-vente, à éviter."),
        (.unsatisfied, "L'écran s'est rayé dès le premier jour, fragile."),
        (.unsatisfied, "Plat servi froid et sans goût, dommage."),
        (.unsatisfied, "Une heure d'attente pour une pizza brûlée."),
        (.unsatisfied, "Le serveur était désagréable et nous a ignorés toute la soirée."),
        (.unsatisfied, "Viande trop cuite, frites molles, je ne reviendrai pas."),
        (.unsatisfied, "L'addition était salée pour des portions ridicules."),
        (.unsatisfied, "Table sale et verres douteux, on est partis."),
        (.unsatisfied, "Le riz était fade et le poulet sec."),
        (.unsatisfied, "On nous a oubliés, pas un mot d'excuse."),
        (.unsatisfied, "Service lent et personnel débordé, pas terrible."),
        (.unsatisfied, "Franchement décevant, je m'attendais à mieux vu les avis."),
        (.satisfied, "Rien à jeter dans ce menu, chaque bouchée était un bonheur."),
        (.satisfied, "Je m'en sers tous les jours depuis un an, aucune panne."),
        (.satisfied, "Le livreur a été très aimable et ponctuel."),
        (.satisfied, "Ça vaut vraiment le prix, on sent la qualité des matériaux."),
        (.satisfied, "Une tuerie ce burger, on en redemande !"),
        (.unsatisfied, "On a attendu quarante minutes avant qu'on prenne notre commande."),
        (.unsatisfied, "Le tissu a rétréci au premier lavage, on ne m'y reprendra plus."),
        (.unsatisfied, "Mon colis a été perdu et personne ne veut me rembourser."),
        (.unsatisfied, "Les frites baignaient dans l'huile et la sauce était immangeable."),
        (.unsatisfied, "Ils m'ont facturé deux fois la livraison, c'est du vol."),
        (.neutral, "Commande passée lundi, livraison prévue jeudi."),
        (.neutral, "Le restaurant ouvre à midi et ferme à quinze heures."),
        (.neutral, "Le modèle existe en bleu et en noir."),
        (.neutral, "Nous étions six, nous avons réservé la veille."),
    ]
}

@Suite("Held-out French reviews")
struct HeldOutReviewTests {
    func evaluation() -> SentimentEvaluation {
        let analyzer = SentimentAnalyzer()
        var e = SentimentEvaluation()
        for (gold, text) in HeldOutReviews.rows {
            e.add(gold: gold, predicted: analyzer.assess(text: text, rating: nil, service: nil).label)
        }
        return e
    }

    @Test func binaryMacroF1OnInventedReviews() {
        let e = evaluation()
        #expect(e.binaryMacroF1 >= 0.85, "\(e.report)")
    }

    @Test func threeClassMacroF1OnInventedReviews() {
        let e = evaluation()
        #expect(e.macroF1 >= 0.75, "\(e.report)")
    }
}
